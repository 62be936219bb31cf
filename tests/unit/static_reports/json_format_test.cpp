#include <gtest/gtest.h>

#include "reports/static/check_json.h"
#include "sample_findings.h"

namespace meshprobe::testing {
namespace {

nlohmann::json json() { return nlohmann::json::parse(render_check_json(sample_report(), kBaseDir)); }

TEST(JsonFormat, CarriesVersionContractAndEnvironments) {
    EXPECT_EQ(json()["meshprobe"], "0.1.0");
    EXPECT_EQ(json()["contract"], "mesh.yaml");
    EXPECT_EQ(json()["environments"], nlohmann::json({"dev", "prod"}));
}

TEST(JsonFormat, EachFindingHasRuleSeverityLocationServiceAndFix) {
    const auto report = json();
    const auto& first = report["findings"][0];
    EXPECT_EQ(first["rule"], "MESH006");
    EXPECT_EQ(first["severity"], "error");
    EXPECT_EQ(first["service"], "db");
    EXPECT_EQ(first["location"]["file"], "compose.yaml");
    EXPECT_EQ(first["location"]["line"], 7);
    EXPECT_EQ(first["contract_location"]["line"], 9);
    EXPECT_EQ(first["fix"], "fix it");
    EXPECT_EQ(first["suppressed"], false);
}

TEST(JsonFormat, SuppressedFindingCarriesTheReason) {
    const auto report = json();
    const auto& suppressed = report["findings"][2];
    EXPECT_EQ(suppressed["suppressed"], true);
    EXPECT_EQ(suppressed["suppression_reason"], "legacy clients");
}

TEST(JsonFormat, SummaryCountsUnsuppressedFindingsBySeverity) {
    const auto summary = json()["summary"];
    EXPECT_EQ(summary["error"], 1);
    EXPECT_EQ(summary["warning"], 1);
    EXPECT_EQ(summary["note"], 1);
    EXPECT_EQ(summary["suppressed"], 1);
}

}  // namespace
}  // namespace meshprobe::testing
