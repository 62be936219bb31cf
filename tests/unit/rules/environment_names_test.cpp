// fixtures/environments: a service of an inactive profile (shell) or of another environment's
// files (mail) is no unknown name where it does not run; a name nothing defines still is.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"
#include "fixture_check.h"

namespace meshprobe::testing {
namespace {

using ::testing::IsEmpty;

TEST(EnvironmentNames, TheBaseFilesAcceptServicesOnlyAnEnvironmentOrAProfileDefines) {
    CheckReport report = check_fixture("environments/mesh.yaml");
    EXPECT_THAT(of_rule(report, "MESH011"), IsEmpty()) << dump(report);
    EXPECT_EQ(report.exit_code(), kExitConformant) << dump(report);
}

TEST(EnvironmentNames, EveryEnvironmentIncludingTheBaseIsCheckedWithoutUnknownNames) {
    CheckReport report = check_fixture("environments/mesh.yaml", true);
    EXPECT_EQ(report.environments, (std::vector<std::string>{"base", "dev"}));
    EXPECT_THAT(of_rule(report, "MESH011"), IsEmpty()) << dump(report);
    EXPECT_EQ(report.exit_code(), kExitConformant) << dump(report);
}

}  // namespace
}  // namespace meshprobe::testing
