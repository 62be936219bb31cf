// fixtures/rules/<rule>/bad fires the rule at the line marked "# <rule> here"; .../good is the
// nearest stack that passes. Read with the real compose file loader.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/errors.h"
#include "fixture_check.h"
#include "rules/rule_catalog.h"

namespace meshprobe::testing {
namespace {

namespace fs = std::filesystem;

// "rules/MESH006/bad/compose.yaml:7" for the line that carries the marker.
std::string marked_place(const std::string& rule) {
    const std::string folder = "rules/" + rule + "/bad";
    for (const auto& entry : fs::directory_iterator(fs::path(FIXTURES_DIR) / folder)) {
        std::ifstream file(entry.path());
        std::string line;
        for (int number = 1; std::getline(file, line); ++number) {
            if (line.find("# " + rule + " here") != std::string::npos)
                return folder + "/" + entry.path().filename().string() + ":" + std::to_string(number);
        }
    }
    return "no marker in " + folder;
}

class RuleFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleFixture, BadFixtureFiresTheRuleAtTheMarkedLine) {
    const std::string rule = GetParam();
    CheckReport report = check_fixture("rules/" + rule + "/bad/mesh.yaml", true);
    EXPECT_THAT(places(of_rule(report, rule)), ::testing::Contains(marked_place(rule))) << dump(report);
}

TEST_P(RuleFixture, GoodFixturePassesWithoutTheRule) {
    const std::string rule = GetParam();
    CheckReport report = check_fixture("rules/" + rule + "/good/mesh.yaml", true);
    EXPECT_EQ(report.exit_code(), kExitConformant) << dump(report);
    for (const Finding& finding : of_rule(report, rule))
        EXPECT_EQ(finding.severity, Severity::note) << place(finding) << " " << finding.message;
    EXPECT_EQ(report.count(Severity::warning), 0) << dump(report);
}

std::vector<std::string> rule_ids() {
    std::vector<std::string> ids;
    for (const RuleInfo& rule : all_rules()) ids.push_back(rule.id);
    return ids;
}

INSTANTIATE_TEST_SUITE_P(EveryRule, RuleFixture, ::testing::ValuesIn(rule_ids()),
                         [](const auto& test) { return test.param; });

}  // namespace
}  // namespace meshprobe::testing
