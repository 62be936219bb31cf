#include "learn/learned_contract.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace meshprobe {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

SeenFlow seen(const std::string& from, const std::string& to, int port, Peer::Kind kind = Peer::Kind::service) {
    return {from, to, kind, port, "tcp", 4};
}

TEST(LearnedContract, ANewPairBecomesAFlowOnThePortsSeen) {
    InferredContract contract;
    add_learned_flows(contract, {seen("web", "api", 9000), seen("web", "api", 80)}, 30);
    ASSERT_EQ(contract.flows.size(), 1u);
    EXPECT_EQ(contract.flows[0].from, "web");
    EXPECT_EQ(contract.flows[0].to, "api");
    EXPECT_THAT(contract.flows[0].ports, ElementsAre(80, 9000));
    EXPECT_THAT(contract.flows[0].why, HasSubstr("seen by learn: 8 connection(s) in 30 s"));
}

TEST(LearnedContract, AnInferredFlowGainsThePortsSeen) {
    InferredContract contract;
    contract.flows.push_back({"web", "api", {9000}, "depends_on"});
    add_learned_flows(contract, {seen("web", "api", 80)}, 30);
    ASSERT_EQ(contract.flows.size(), 1u);
    EXPECT_THAT(contract.flows[0].ports, ElementsAre(80, 9000));
    EXPECT_THAT(contract.flows[0].why, HasSubstr("depends_on; seen by learn"));
}

TEST(LearnedContract, AFlowOnEveryPortStaysSo) {
    InferredContract contract;
    contract.flows.push_back({"web", "api", {}, "links"});
    add_learned_flows(contract, {seen("web", "api", 80)}, 30);
    EXPECT_TRUE(contract.flows[0].ports.empty());
    EXPECT_EQ(contract.flows[0].why, "links");
}

TEST(LearnedContract, AConnectionOutIsANoteNotAFlow) {
    InferredContract contract;
    add_learned_flows(contract, {seen("db", "198.18.0.2", 443, Peer::Kind::outside)}, 30);
    EXPECT_TRUE(contract.flows.empty());
    ASSERT_EQ(contract.notes.size(), 1u);
    EXPECT_THAT(contract.notes[0], HasSubstr("db connected to 198.18.0.2:443/tcp"));
}

}  // namespace
}  // namespace meshprobe
