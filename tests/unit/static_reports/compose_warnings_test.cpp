// Compose's warnings (what compose would read that the contract leaves out) in every report of
// check, not only on standard error: the JSON's notifications, SARIF's tool execution
// notifications, GitHub's ::warning commands; also when the check could not be made.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"
#include "reports/static/check_github.h"
#include "reports/static/check_json.h"
#include "reports/static/check_render.h"
#include "reports/static/check_sarif.h"
#include "sample_findings.h"

using ::testing::HasSubstr;

namespace meshprobe::testing {
namespace {

const char* const kOverride = "compose run in /repo without -f also merges /repo/docker-compose.override.yaml";

// The sample, with the warning of an override the contract does not list, at its compose section.
CheckReport warned_report() {
    CheckReport report = sample_report();
    report.notifications.push_back({kOverride, {"/repo/mesh.yaml", 3, 1}});
    return report;
}

// A check that could not be made after the warning was given.
std::string input_error_report(const std::string& format) {
    CheckReport report;
    report.version = "0.1.0";
    report.contract = "mesh.yaml";
    report.notifications = warned_report().notifications;
    return render_input_errors(report, InputError({"/repo/mesh.yaml", 8, 7}, "unknown tier 'database'"), format,
                               CheckRenderOptions{kBaseDir, false, false, false, ""});
}

TEST(ComposeWarnings, JsonListsEachAsANotificationWithLevelAndLocation) {
    const auto notifications = nlohmann::json::parse(render_check_json(warned_report(), kBaseDir))["notifications"];
    ASSERT_EQ(notifications.size(), 1u) << notifications.dump();
    EXPECT_EQ(notifications[0]["level"], "warning");
    EXPECT_EQ(notifications[0]["message"], kOverride);
    EXPECT_EQ(notifications[0]["location"], nlohmann::json({{"file", "mesh.yaml"}, {"line", 3}, {"column", 1}}));
}

TEST(ComposeWarnings, JsonWithoutWarningsHasAnEmptyNotificationsList) {
    const auto report = nlohmann::json::parse(render_check_json(sample_report(), kBaseDir));
    ASSERT_TRUE(report.contains("notifications"));
    EXPECT_TRUE(report["notifications"].empty());
}

TEST(ComposeWarnings, JsonOfAnInputErrorKeepsTheWarning) {
    const auto report = nlohmann::json::parse(input_error_report("json"));
    ASSERT_EQ(report["notifications"].size(), 1u) << report.dump();
    EXPECT_EQ(report["errors"].size(), 1u);
}

TEST(ComposeWarnings, SarifHasAToolExecutionNotificationOfLevelWarningAtItsLocation) {
    const auto invocation = check_sarif(warned_report(), kBaseDir)["runs"][0]["invocations"][0];
    EXPECT_EQ(invocation["executionSuccessful"], true);
    const auto notification = invocation["toolExecutionNotifications"][0];
    EXPECT_EQ(notification["level"], "warning");
    EXPECT_EQ(notification["message"]["text"], kOverride);
    const auto location = notification["locations"][0]["physicalLocation"];
    EXPECT_EQ(location["artifactLocation"]["uri"], "mesh.yaml");
    EXPECT_EQ(location["region"]["startLine"], 3);
}

TEST(ComposeWarnings, SarifWithoutWarningsHasNoInvocation) {
    EXPECT_FALSE(check_sarif(sample_report(), kBaseDir)["runs"][0].contains("invocations"));
}

TEST(ComposeWarnings, SarifOfAnInputErrorHasTheErrorAndTheWarning) {
    const auto notifications =
        nlohmann::json::parse(input_error_report("sarif"))["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    ASSERT_EQ(notifications.size(), 2u) << notifications.dump();
    EXPECT_EQ(notifications[0]["level"], "error");
    EXPECT_EQ(notifications[1]["level"], "warning");
}

TEST(ComposeWarnings, GithubAnnotatesTheContractLineWithAWarningCommand) {
    EXPECT_THAT(render_check_github(warned_report(), kBaseDir),
                HasSubstr(std::string("::warning file=mesh.yaml,line=3,col=1,title=meshprobe compose::") + kOverride + "\n"));
}

TEST(ComposeWarnings, GithubWarningWithoutAFileAnnotatesTheRun) {
    CheckReport report = sample_report();
    report.notifications.push_back({"COMPOSE_PROJECT_NAME names the project other", {}});
    EXPECT_THAT(render_check_github(report, kBaseDir),
                HasSubstr("::warning title=meshprobe compose::COMPOSE_PROJECT_NAME names the project other\n"));
}

TEST(ComposeWarnings, GithubOfAnInputErrorKeepsTheWarning) {
    const std::string out = input_error_report("github");
    EXPECT_THAT(out, HasSubstr("::warning file=mesh.yaml,line=3,col=1,title=meshprobe compose::"));
    EXPECT_THAT(out, HasSubstr("::error file=mesh.yaml,line=8,col=7,title=meshprobe input error::unknown tier"));
}

}  // namespace
}  // namespace meshprobe::testing
