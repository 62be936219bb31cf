// The reach matrix folds the reach suite by the checks' typed ends and wants, never their ids.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "reports/reach_matrix.h"
#include "sample_report.h"

using namespace meshprobe;
using meshprobe::testing::make_check;

namespace {

TEST(ReachMatrix, FoldsAReplicasPortsIntoOneCellNamedByTheReplica) {
    const std::vector<Check> checks{
        make_check(Suite::reach, Endpoint::service("edge"), Endpoint::replica_of("api", 2, 80), Want::blocked,
                   "blocked", "timeout", Verdict::pass),
        make_check(Suite::reach, Endpoint::service("edge"), Endpoint::replica_of("api", 2, 81), Want::reachable,
                   "reachable", "connected", Verdict::pass),
    };
    const ReachMatrix matrix(checks);
    EXPECT_THAT(matrix.targets(), ::testing::ElementsAre("api#2"));
    EXPECT_EQ(matrix.at("edge", "api#2"), ReachMatrix::Cell::reached);
}

TEST(ReachMatrix, ABlockedCellComesFromTheWantNotTheWords) {
    // The words start with "blocked" yet the check wants the path reachable (a reverse path).
    const std::vector<Check> checks{make_check(Suite::reach, Endpoint::service("a"), Endpoint::service("b", 1),
                                               Want::either, "blocked or reachable", "timeout", Verdict::pass)};
    EXPECT_EQ(ReachMatrix(checks).at("a", "b"), ReachMatrix::Cell::reached);
}

TEST(ReachMatrix, AWantedBlockIsBlocked) {
    const std::vector<Check> checks{make_check(Suite::reach, Endpoint::service("a"), Endpoint::service("b", 1),
                                               Want::blocked, "blocked", "timeout", Verdict::pass)};
    EXPECT_EQ(ReachMatrix(checks).at("a", "b"), ReachMatrix::Cell::blocked);
}

}  // namespace
