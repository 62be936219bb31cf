#include <gtest/gtest.h>

#include "reports/static/check_sarif.h"
#include "rules/rule_catalog.h"
#include "sample_findings.h"

namespace meshprobe::testing {
namespace {

nlohmann::json sarif() { return nlohmann::json::parse(render_check_sarif(sample_report(), kBaseDir)); }
nlohmann::json run() { return sarif()["runs"][0]; }

TEST(SarifFormat, IsVersion210WithTheSchema) {
    EXPECT_EQ(sarif()["version"], "2.1.0");
    EXPECT_NE(sarif()["$schema"].get<std::string>().find("sarif-2.1.0"), std::string::npos);
}

TEST(SarifFormat, DriverListsEveryRuleWithHelp) {
    const auto rules = run()["tool"]["driver"]["rules"];
    ASSERT_EQ(rules.size(), all_rules().size());
    const auto& mesh006 = rules[6];
    EXPECT_EQ(mesh006["id"], "MESH006");
    EXPECT_FALSE(mesh006["shortDescription"]["text"].get<std::string>().empty());
    EXPECT_FALSE(mesh006["help"]["text"].get<std::string>().empty());
    EXPECT_EQ(mesh006["defaultConfiguration"]["level"], "error");
}

TEST(SarifFormat, WithoutARulesUrlNoRuleHasAHelpUriAndTheToolPointsAtTheInstalledDocs) {
    const auto driver = run()["tool"]["driver"];
    const auto mesh006 = driver["rules"][6];
    EXPECT_FALSE(mesh006.contains("helpUri")) << mesh006.dump();
    EXPECT_EQ(driver["informationUri"], "file:///usr/share/doc/meshprobe/README.md");
    EXPECT_NE(mesh006["help"]["text"].get<std::string>().find("docs/rules.md#mesh006"), std::string::npos)
        << mesh006["help"]["text"];
}

TEST(SarifFormat, WithARulesUrlTheHelpUriIsTheRulesSectionThere) {
    const auto driver = check_sarif(sample_report(), kBaseDir, "https://example.org/meshprobe/docs/rules.md")["runs"][0]["tool"]["driver"];
    EXPECT_EQ(driver["rules"][6]["helpUri"], "https://example.org/meshprobe/docs/rules.md#mesh006");
    EXPECT_EQ(driver["informationUri"], "https://example.org/meshprobe/docs/rules.md");
}

TEST(SarifFormat, ResultHasRuleLevelMessageAndRelativePhysicalLocation) {
    const auto result = run()["results"][0];
    EXPECT_EQ(result["ruleId"], "MESH006");
    EXPECT_EQ(result["ruleIndex"], 6);
    EXPECT_EQ(result["level"], "error");
    const auto location = result["locations"][0]["physicalLocation"];
    EXPECT_EQ(location["artifactLocation"]["uri"], "compose.yaml");
    EXPECT_EQ(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    EXPECT_EQ(location["region"]["startLine"], 7);
    EXPECT_EQ(result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"], 9);
}

TEST(SarifFormat, SourceRootIsTheBaseFolder) {
    EXPECT_EQ(run()["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///repo/");
}

TEST(SarifFormat, NotesAndWarningsKeepTheirLevel) {
    EXPECT_EQ(run()["results"][1]["level"], "note");
    EXPECT_EQ(run()["results"][3]["level"], "warning");
}

TEST(SarifFormat, SuppressedResultCarriesAnExternalSuppressionWithTheReason) {
    const auto suppression = run()["results"][2]["suppressions"][0];
    EXPECT_EQ(suppression["kind"], "external");
    EXPECT_EQ(suppression["justification"], "legacy clients");
}

TEST(SarifFormat, FilesOutsideTheBaseGetAnAbsoluteUri) {
    CheckReport report = sample_report();
    report.findings[0].where.file = "/elsewhere/my compose.yaml";
    auto location = check_sarif(report, kBaseDir)["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    EXPECT_EQ(location["artifactLocation"]["uri"], "file:///elsewhere/my%20compose.yaml");
    EXPECT_FALSE(location["artifactLocation"].contains("uriBaseId"));
}

TEST(SarifFormat, UnknownLineLeavesTheRegionOut) {
    CheckReport report = sample_report();
    report.findings[0].where.line = 0;
    auto location = check_sarif(report, kBaseDir)["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    EXPECT_FALSE(location.contains("region"));
}

}  // namespace
}  // namespace meshprobe::testing
