#include "learn/learn_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace meshprobe {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

LearnReport two_flows() {
    LearnReport report;
    report.project = "shop";
    report.seconds = 3;
    const std::vector<SeenFlow> flows = {{"web", "api", Peer::Kind::service, 8080, "tcp", 5},
                                     {"api", "web", Peer::Kind::service, 80, "tcp", 2}};
    report.flows = judge_flows(flows, [](const SeenFlow& f) {
        return f.from == "web" ? Declaration{true, "mesh.yaml:12", "flow web -> api:8080 (mesh.yaml:12)"}
                               : Declaration{false, "", "no flow allows it; carried by back"};
    });
    return report;
}

TEST(LearnReport, JudgesEachFlowWithTheGivenJudge) {
    const LearnReport report = two_flows();
    EXPECT_TRUE(report.flows[0].declaration.declared);
    EXPECT_FALSE(report.flows[1].declaration.declared);
}

TEST(LearnReport, JsonHasTheFieldsOfEachFlow) {
    const nlohmann::json out = nlohmann::json::parse(render_learn_json(two_flows()));
    ASSERT_EQ(out["flows"].size(), 2u);
    const nlohmann::json& first = out["flows"][0];
    EXPECT_EQ(first["from"], "web");
    EXPECT_EQ(first["to"], "api");
    EXPECT_EQ(first["port"], 8080);
    EXPECT_EQ(first["protocol"], "tcp");
    EXPECT_EQ(first["connections"], 5);
    EXPECT_EQ(first["declared"], true);
    EXPECT_EQ(first["by"], "mesh.yaml:12");
    EXPECT_EQ(out["flows"][1]["declared"], false);
}

TEST(LearnReport, TextSaysWhichLineDeclaresAFlowAndCountsTheUndeclared) {
    const std::string text = render_learn_text(two_flows());
    EXPECT_THAT(text, HasSubstr("web -> api:8080/tcp: 5 connection(s), declared by mesh.yaml:12"));
    EXPECT_THAT(text, HasSubstr("api -> web:80/tcp: 2 connection(s), undeclared"));
    EXPECT_THAT(text, HasSubstr("2 flow(s) in 3 s, 1 undeclared"));
}

TEST(LearnReport, TextSaysCountsAreLowerBoundsWhenEventsWereDropped) {
    LearnReport report = two_flows();
    report.overflows = 2;
    EXPECT_THAT(render_learn_text(report), HasSubstr("counts are lower bounds"));
    EXPECT_THAT(render_learn_text(two_flows()), Not(HasSubstr("lower bounds")));
}

TEST(LearnReport, MarkdownIsATableWithOneRowPerFlow) {
    const std::string md = render_learn_markdown(two_flows());
    EXPECT_THAT(md, HasSubstr("| from | to | port | protocol | connections | declared | why |"));
    EXPECT_THAT(md, HasSubstr("| web | api | 8080 | tcp | 5 | declared by mesh.yaml:12 |"));
    EXPECT_THAT(md, HasSubstr("| api | web | 80 | tcp | 2 | undeclared |"));
}

}  // namespace
}  // namespace meshprobe
