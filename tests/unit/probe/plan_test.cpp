#include <gtest/gtest.h>

#include "probes/plan.h"

namespace meshprobe::probe {
namespace {

std::string error_of(const std::string& text) {
    try {
        parse_plan(text);
    } catch (const PlanError& error) {
        return error.what();
    }
    return "(no error)";
}

TEST(PlanParsing, ReadsTheProtocolExample) {
    const Plan plan = parse_plan(R"({"timeout_ms": 1000, "banner_ms": 250, "checks": [
        {"key": "k1", "kind": "dns", "name": "db.devonboarder.internal"},
        {"key": "k2", "kind": "tcp", "host": "db", "port": 5432},
        {"key": "k3", "kind": "tcp", "host": "172.20.0.3", "port": 5432}]})");
    EXPECT_EQ(plan.timeout, std::chrono::milliseconds(1000));
    EXPECT_EQ(plan.banner, std::chrono::milliseconds(250));
    ASSERT_EQ(plan.checks.size(), 3u);
    EXPECT_EQ(plan.checks[0].kind, CheckKind::dns);
    EXPECT_EQ(plan.checks[0].name, "db.devonboarder.internal");
    EXPECT_EQ(plan.checks[1].kind, CheckKind::tcp);
    EXPECT_EQ(plan.checks[1].host, "db");
    EXPECT_EQ(plan.checks[1].port, 5432);
    EXPECT_EQ(plan.checks[2].key, "k3");
}

TEST(PlanParsing, DefaultsTheTimesWhenLeftOut) {
    const Plan plan = parse_plan(R"({"checks": []})");
    EXPECT_EQ(plan.timeout, std::chrono::milliseconds(1000));
    EXPECT_EQ(plan.banner, std::chrono::milliseconds(250));
    EXPECT_TRUE(plan.checks.empty());
}

TEST(PlanParsing, RejectsTextThatIsNotJson) {
    EXPECT_TRUE(error_of("{checks: [").starts_with("invalid JSON"));
}

TEST(PlanParsing, RejectsADocumentThatIsNotAnObject) {
    EXPECT_EQ(error_of("[1, 2]"), "plan: must be a JSON object");
}

TEST(PlanParsing, RequiresChecks) {
    EXPECT_EQ(error_of(R"({"timeout_ms": 100})"), "plan: missing \"checks\"");
}

TEST(PlanParsing, RejectsUnknownTopLevelFields) {
    EXPECT_EQ(error_of(R"({"timeout": 100, "checks": []})"), "plan: unknown field \"timeout\"");
}

TEST(PlanParsing, RejectsAZeroTimeout) {
    EXPECT_EQ(error_of(R"({"timeout_ms": 0, "checks": []})"),
              "plan: \"timeout_ms\" must be an integer from 1 to 600000");
}

TEST(PlanParsing, RejectsAFractionalTimeout) {
    EXPECT_NE(error_of(R"({"timeout_ms": 1.5, "checks": []})").find("must be an integer"), std::string::npos);
}

TEST(PlanParsing, RejectsANegativeBannerTime) {
    EXPECT_EQ(error_of(R"({"banner_ms": -1, "checks": []})"), "plan: \"banner_ms\" must be an integer from 0 to 600000");
}

TEST(PlanParsing, RejectsAnUnknownKind) {
    EXPECT_EQ(error_of(R"({"checks": [{"key": "a", "kind": "udp", "host": "db", "port": 53}]})"),
              "checks[0]: unknown kind \"udp\" (expected dns or tcp)");
}

TEST(PlanParsing, RejectsACheckWithoutKey) {
    EXPECT_EQ(error_of(R"({"checks": [{"kind": "dns", "name": "db"}]})"), "checks[0]: missing \"key\"");
}

TEST(PlanParsing, RejectsDuplicateKeys) {
    EXPECT_EQ(error_of(R"({"checks": [{"key": "a", "kind": "dns", "name": "db"},
                                      {"key": "a", "kind": "dns", "name": "web"}]})"),
              "checks[1]: duplicate key \"a\"");
}

TEST(PlanParsing, RejectsADnsCheckWithoutName) {
    EXPECT_EQ(error_of(R"({"checks": [{"key": "a", "kind": "dns"}]})"), "checks[0]: missing \"name\"");
}

TEST(PlanParsing, RejectsAnEmptyName) {
    EXPECT_EQ(error_of(R"({"checks": [{"key": "a", "kind": "dns", "name": ""}]})"),
              "checks[0]: \"name\" must be a non-empty string");
}

TEST(PlanParsing, RejectsANameLongerThanDnsAllows) {
    const std::string name(254, 'a');
    EXPECT_EQ(error_of(R"({"checks": [{"key": "a", "kind": "dns", "name": ")" + name + R"("}]})"),
              "checks[0]: \"name\" is longer than 253 characters");
}

TEST(PlanParsing, RejectsATcpCheckWithoutPort) {
    EXPECT_EQ(error_of(R"({"checks": [{"key": "a", "kind": "tcp", "host": "db"}]})"), "checks[0]: missing \"port\"");
}

TEST(PlanParsing, RejectsAPortOutOfRange) {
    EXPECT_EQ(error_of(R"({"checks": [{"key": "a", "kind": "tcp", "host": "db", "port": 65536}]})"),
              "checks[0]: \"port\" must be an integer from 1 to 65535");
}

TEST(PlanParsing, RejectsAPortWrittenAsText) {
    EXPECT_EQ(error_of(R"({"checks": [{"key": "a", "kind": "tcp", "host": "db", "port": "5432"}]})"),
              "checks[0]: \"port\" must be an integer from 1 to 65535");
}

TEST(PlanParsing, RejectsFieldsOfTheOtherKind) {
    EXPECT_EQ(error_of(R"({"checks": [{"key": "a", "kind": "dns", "name": "db", "port": 5432}]})"),
              "checks[0]: unknown field \"port\"");
}

TEST(PlanParsing, RejectsACheckThatIsNotAnObject) {
    EXPECT_EQ(error_of(R"({"checks": ["db:5432"]})"), "checks[0]: must be an object");
}

TEST(PlanParsing, ReadsBackWhatToJsonWrites) {
    Plan plan;
    plan.timeout = std::chrono::milliseconds(300);
    plan.banner = std::chrono::milliseconds(0);
    plan.checks = {{"d", CheckKind::dns, "db.internal", "", 0}, {"t", CheckKind::tcp, "", "10.0.0.1", 80}};
    const Plan again = parse_plan(to_json(plan).dump());
    EXPECT_EQ(again.timeout, plan.timeout);
    EXPECT_EQ(again.banner, plan.banner);
    ASSERT_EQ(again.checks.size(), 2u);
    EXPECT_EQ(again.checks[0].name, "db.internal");
    EXPECT_EQ(again.checks[1].host, "10.0.0.1");
    EXPECT_EQ(again.checks[1].port, 80);
}

}  // namespace
}  // namespace meshprobe::probe
