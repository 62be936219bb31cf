#include "learn/suggest.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace meshprobe {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const char* kContract =
    "version: 1\n"
    "project: shop\n"
    "tiers:\n"
    "  app: {network: app}\n"
    "  data: {network: data, internal: true, egress: deny}\n"
    "services:\n"
    "  web: {tier: app}\n"
    "  api: {tier: app}\n"
    "  db: {tier: data}\n"
    "flows:\n"
    "  - {from: web, to: api, ports: [9000]}\n";

SuggestTarget target() { return {"mesh.yaml", kContract, 11, {{"db", "data", 5}}}; }

LearnReport seen(std::vector<LearnedFlow> flows) {
    LearnReport report;
    report.seconds = 60;
    report.flows = std::move(flows);
    return report;
}

LearnedFlow undeclared(const std::string& from, const std::string& to, int port,
                       Peer::Kind kind = Peer::Kind::service) {
    return {{from, to, kind, port, "tcp", 1}, {false, "", "no flow allows it"}};
}

TEST(Suggest, AddsAFlowPerUndeclaredPairWithItsPortsBeforeTheFirstFlow) {
    const std::string diff = render_suggestions(
        seen({undeclared("api", "web", 8080), undeclared("api", "web", 80), undeclared("api", "db", 5432)}), target(),
        {});
    EXPECT_THAT(diff, HasSubstr("--- mesh.yaml\n+++ mesh.yaml\n@@ -10,0 +11,2 @@\n"
                                "+  - {from: api, to: db, ports: [5432]}\n"
                                "+  - {from: api, to: web, ports: [80, 8080]}\n"));
}

TEST(Suggest, AllowsEgressOnTheTierLineOfAServiceThatConnectedOut) {
    const std::string diff =
        render_suggestions(seen({undeclared("db", "198.18.0.2", 443, Peer::Kind::outside)}), target(), {});
    EXPECT_THAT(diff, HasSubstr("@@ -5,1 +5,1 @@\n"
                                "-  data: {network: data, internal: true, egress: deny}\n"
                                "+  data: {network: data, internal: true, egress: allow}\n"));
}

TEST(Suggest, NumbersLaterHunksAfterTheLinesAddedBeforeThem) {
    SuggestTarget t = target();
    t.first_flow_line = 4;  // a flow entry before the tier line, to order the hunks
    const std::string diff = render_suggestions(
        seen({undeclared("api", "web", 8080), undeclared("db", "host", 22, Peer::Kind::host)}), t, {});
    EXPECT_THAT(diff, HasSubstr("@@ -3,0 +4,1 @@\n"));
    EXPECT_THAT(diff, HasSubstr("@@ -5,1 +6,1 @@\n"));
}

TEST(Suggest, StartsAFlowsSectionWhenTheContractHasNone) {
    SuggestTarget t = target();
    t.first_flow_line = 0;
    const std::string diff = render_suggestions(seen({undeclared("api", "web", 8080)}), t, {});
    EXPECT_THAT(diff, HasSubstr("@@ -11,0 +12,2 @@\n+flows:\n+  - {from: api, to: web, ports: [8080]}\n"));
}

TEST(Suggest, ListsWhatWasAllowedButNeverUsed) {
    const std::string out = render_suggestions(seen({}), target(), {{"web -> api:9000", "flow mesh.yaml:11"}});
    EXPECT_THAT(out, HasSubstr("# allowed by the contract, never seen in 60 s:\n"
                               "#   web -> api:9000 (flow mesh.yaml:11)\n"));
    EXPECT_THAT(out, Not(HasSubstr("---")));
}

TEST(Suggest, SaysSoWhenNothingIsToChange) {
    LearnedFlow declared = undeclared("web", "api", 9000);
    declared.declaration.declared = true;
    EXPECT_THAT(render_suggestions(seen({declared}), target(), {}), HasSubstr("nothing to change"));
}

}  // namespace
}  // namespace meshprobe
