#include "reports/json_report.h"

#include <set>

#include <gtest/gtest.h>

#include "sample_report.h"

namespace meshprobe {
namespace {

using testing::sample_report;

std::set<std::string> keys(const nlohmann::json& object) {
    std::set<std::string> out;
    for (const auto& [key, value] : object.items()) out.insert(key);
    return out;
}

TEST(JsonReport, TopLevelHasExactlyTheSpecKeys) {
    EXPECT_EQ(keys(to_json(sample_report())),
              (std::set<std::string>{"meshprobe", "contract", "environment", "checks", "summary"}));
}

TEST(JsonReport, NamesTheContainerThatAnsweredEachService) {
    RunReport report = sample_report();
    report.services = {{"db", "0123456789ab", "p-db-1", "postgres:16", "sha256:feed", "2026-01-02T03:04:05.6Z", true},
                       {"bridge", "ba9876543210", "bridge", "alpine:3", "sha256:beef", "2026-01-02T03:05:00Z", false}};
    const nlohmann::json json = to_json(report);
    ASSERT_EQ(json["services"].size(), 2u) << json.dump();
    EXPECT_EQ(json["services"][0],
              (nlohmann::json{{"service", "db"}, {"container", "0123456789ab"}, {"name", "p-db-1"}, {"image", "postgres:16"},
                              {"image_id", "sha256:feed"}, {"started_at", "2026-01-02T03:04:05.6Z"}}));
    EXPECT_EQ(json["services"][1]["declared"], false) << json.dump();
}

TEST(JsonReport, NamesVersionContractAndEnvironment) {
    const nlohmann::json json = to_json(sample_report());
    EXPECT_EQ(json["meshprobe"], "0.1.0");
    EXPECT_EQ(json["contract"], "mesh.yaml");
    EXPECT_EQ(json["environment"], "dev");
}

TEST(JsonReport, EnvironmentIsNullWhenNoneWasChosen) {
    RunReport report = sample_report();
    report.environment.clear();
    EXPECT_TRUE(to_json(report)["environment"].is_null());
}

TEST(JsonReport, CheckHasExactlyTheSection5FieldsWithoutEmptyNote) {
    const nlohmann::json check = to_json(sample_report())["checks"][2];
    EXPECT_EQ(keys(check), (std::set<std::string>{"id", "suite", "from", "to", "expected", "observed",
                                                  "verdict", "evidence", "seconds"}));
    EXPECT_EQ(check["id"], "reach:traefik->frontend:3000");
    EXPECT_EQ(check["suite"], "reach");
    EXPECT_EQ(check["from"], "traefik");
    EXPECT_EQ(check["to"], "frontend:3000");
    EXPECT_EQ(check["expected"], "reachable");
    EXPECT_EQ(check["observed"], "timeout after 1000 ms");
    EXPECT_EQ(check["verdict"], "fail");
    EXPECT_EQ(check["evidence"], (nlohmann::json{{"address", "172.18.0.4"}, {"timeout_ms", 1000}}));
    EXPECT_EQ(check["seconds"], 0.25);
}

TEST(JsonReport, CheckCarriesItsNoteWhenSet) {
    const nlohmann::json check = to_json(sample_report())["checks"][4];
    EXPECT_EQ(check["note"], "reverse path of backend -> auth-service:8002");
}

TEST(JsonReport, ChecksKeepTheReportsOrder) {
    const RunReport report = sample_report();
    const nlohmann::json checks = to_json(report)["checks"];
    ASSERT_EQ(checks.size(), report.checks.size());
    for (std::size_t i = 0; i < checks.size(); ++i) EXPECT_EQ(checks[i]["id"], report.checks[i].id());
}

TEST(JsonReport, SummaryCountsVerdictsNotesAndTime) {
    EXPECT_EQ(to_json(sample_report())["summary"],
              (nlohmann::json{{"pass", 5}, {"fail", 1}, {"error", 2}, {"notes", 1}, {"disagreements", 0}, {"seconds", 1.84}}));
}

TEST(JsonReport, ACheckCarriesItsPredictionAndADisagreementIsCounted) {
    RunReport report = sample_report();
    report.checks[0].predicted = Reach::blocked;
    report.checks[0].seen = Reach::reachable;
    report.checks[1].predicted = Reach::reachable;
    report.checks[1].seen = Reach::reachable;
    const nlohmann::json json = to_json(report);
    EXPECT_EQ(json["checks"][0]["predicted"], "blocked");
    EXPECT_EQ(json["checks"][1]["predicted"], "reachable");
    EXPECT_EQ(json["summary"]["disagreements"], 1);
}

TEST(JsonReport, SecondsAreRoundedToMilliseconds) {
    RunReport report = sample_report();
    report.seconds = 1.23456789;
    report.checks[0].seconds = 0.0021234;
    const nlohmann::json json = to_json(report);
    EXPECT_EQ(json["summary"]["seconds"], 1.235);
    EXPECT_EQ(json["checks"][0]["seconds"], 0.002);
}

TEST(JsonReport, InfrastructureFieldsAppearOnlyWhenSet) {
    RunReport report = sample_report();
    EXPECT_FALSE(to_json(report).contains("infra_error"));
    EXPECT_FALSE(to_json(report).contains("compose_log"));

    report.infra_error = "compose failed to start the stack";
    report.compose_log = "port is already allocated";
    const nlohmann::json json = to_json(report);
    EXPECT_EQ(json["infra_error"], "compose failed to start the stack");
    EXPECT_EQ(json["compose_log"], "port is already allocated");
}

TEST(JsonReport, RenderedTextParsesBackToTheSameDocument) {
    const RunReport report = sample_report();
    EXPECT_EQ(nlohmann::json::parse(render_json(report)), to_json(report));
}

TEST(JsonReport, InvalidUtf8IsReplacedNotThrown) {
    RunReport report = sample_report();
    report.checks[0].observed = "bytes \xFF\xFE";
    std::string text;
    ASSERT_NO_THROW(text = render_json(report));
    EXPECT_EQ(nlohmann::json::parse(text)["checks"][0]["observed"], "bytes \xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace meshprobe
