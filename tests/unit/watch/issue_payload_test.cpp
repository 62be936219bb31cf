#include "watch/issue_payload.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace meshprobe::watch {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;

Violation proxy_on_data() {
    Violation v;
    v.kind = Kind::attachment;
    v.service = "proxy";
    v.network = "devonb_data";
    v.detail = "proxy attached to devonb_data";
    v.subject = "network devonb_data";
    v.tier = "edge";
    v.expected = "tier edge may attach to devonb_edge only";
    v.evidence = "container devonb-proxy-1 joined devonb_data (aliases: proxy)";
    v.fix = "disconnect it: docker network disconnect devonb_data devonb-proxy-1";
    return v;
}

LogEntry entry(State state, std::string time = "2026-12-04T05:01:02.345Z", Violation v = proxy_on_data()) {
    return {.time = std::move(time), .violation = std::move(v), .state = state, .fingerprint = {}};
}

std::string body_of(const LogEntry& e) { return issue_payload(e)["body"].get<std::string>(); }
std::string title_of(const LogEntry& e) { return issue_payload(e)["title"].get<std::string>(); }

TEST(IssuePayload, KeepsEveryFieldOfTheLogLine) {
    const LogEntry open = entry(State::open);
    const nlohmann::json payload = issue_payload(open);
    const nlohmann::json line = open;
    for (const auto& [key, value] : line.items()) EXPECT_EQ(payload.at(key), value) << key;
}

TEST(IssuePayload, OpenTitleNamesTheDetailAndTheKind) {
    EXPECT_EQ(title_of(entry(State::open)), "meshprobe: proxy attached to devonb_data (attachment)");
}

TEST(IssuePayload, ResolvedTitleIsTheOpenTitleMarkedResolved) {
    EXPECT_EQ(title_of(entry(State::resolved)), "Resolved: meshprobe: proxy attached to devonb_data (attachment)");
}

TEST(IssuePayload, TitleStaysTheSameWhenTimeAndEvidenceChange) {
    Violation later = proxy_on_data();
    later.evidence = "container devonb-proxy-2 joined devonb_data";
    EXPECT_EQ(title_of(entry(State::open, "2026-12-05T00:00:00.000Z", later)), title_of(entry(State::open)));
}

TEST(IssuePayload, SameEntryGivesTheSameBody) {
    EXPECT_EQ(body_of(entry(State::open)), body_of(entry(State::open)));
}

TEST(IssuePayload, LabelsNameMeshprobeAndTheKind) {
    EXPECT_EQ(issue_payload(entry(State::open))["labels"], nlohmann::json::array({"meshprobe", "attachment"}));
}

TEST(IssuePayload, BodyNamesServiceTierNetworkAndKind) {
    const std::string body = body_of(entry(State::open));
    EXPECT_THAT(body, HasSubstr("- **Service:** `proxy`\n"));
    EXPECT_THAT(body, HasSubstr("- **Tier:** `edge`\n"));
    EXPECT_THAT(body, HasSubstr("- **Network:** `devonb_data`\n"));
    EXPECT_THAT(body, HasSubstr("- **Kind:** `attachment`\n"));
}

TEST(IssuePayload, OpenBodySaysWhenItWasFirstSeen) {
    const std::string body = body_of(entry(State::open));
    EXPECT_THAT(body, HasSubstr("- **First seen:** 2026-12-04T05:01:02.345Z\n"));
    EXPECT_THAT(body, HasSubstr("sees a departure from the contract"));
    EXPECT_THAT(body, Not(HasSubstr("Resolved")));
}

TEST(IssuePayload, ResolvedBodySaysWhenItWasResolved) {
    const std::string body = body_of(entry(State::resolved, "2026-12-04T06:00:00.000Z"));
    EXPECT_THAT(body, HasSubstr("- **Resolved:** 2026-12-04T06:00:00.000Z\n"));
    EXPECT_THAT(body, HasSubstr("no longer sees this departure"));
    EXPECT_THAT(body, Not(HasSubstr("First seen")));
}

TEST(IssuePayload, BodyCarriesWhatTheContractSaysWhatWasSeenAndTheFix) {
    const std::string body = body_of(entry(State::open));
    EXPECT_THAT(body, HasSubstr("### What the contract says\n\ntier edge may attach to devonb\\_edge only\n"));
    EXPECT_THAT(body, HasSubstr("### What was seen\n\n```text\ncontainer devonb-proxy-1 joined devonb_data "
                                "(aliases: proxy)\n```\n"));
    EXPECT_THAT(body, HasSubstr("### How to fix it\n\ndisconnect it: docker network disconnect devonb\\_data "
                                "devonb-proxy-1\n"));
}

TEST(IssuePayload, BodyCarriesTheFingerprintAsTextAndAsAComment) {
    const std::string fingerprint = proxy_on_data().fingerprint();
    for (State state : {State::open, State::resolved}) {
        const std::string body = body_of(entry(state));
        EXPECT_THAT(body, HasSubstr("Fingerprint: `" + fingerprint + "`"));
        EXPECT_THAT(body, EndsWith("<!-- meshprobe-fingerprint: " + fingerprint + " -->\n"));
    }
}

TEST(IssuePayload, NoNetworkReadsNoneAndIsNullInTheJson) {
    Violation v = proxy_on_data();
    v.kind = Kind::tier;
    v.network.reset();
    v.tier.clear();
    const nlohmann::json payload = issue_payload(entry(State::open, "2026-12-04T05:01:02.345Z", v));
    EXPECT_TRUE(payload["network"].is_null());
    EXPECT_THAT(payload["body"].get<std::string>(), HasSubstr("- **Network:** none\n"));
    EXPECT_THAT(payload["body"].get<std::string>(), HasSubstr("- **Tier:** none (the contract gives it no tier)\n"));
}

TEST(IssuePayload, SectionsWithoutTextAreLeftOut) {
    Violation v = proxy_on_data();
    v.expected.clear();
    v.evidence.clear();
    v.fix.clear();
    const std::string body = body_of(entry(State::open, "t", v));
    EXPECT_THAT(body, Not(HasSubstr("###")));
}

TEST(IssuePayload, MarkdownInTheDetailIsEscaped) {
    Violation v = proxy_on_data();
    v.detail = "port *5432* published as <b>|x|</b>";
    EXPECT_THAT(body_of(entry(State::open, "t", v)), HasSubstr("**port \\*5432\\* published as \\<b\\>\\|x\\|\\</b\\>**"));
}

TEST(IssuePayload, EvidenceWithAFenceOfItsOwnStaysInsideItsBlock) {
    Violation v = proxy_on_data();
    v.evidence = "```\nnot the end\n```";
    EXPECT_THAT(body_of(entry(State::open, "t", v)), HasSubstr("````text\n```\nnot the end\n```\n````\n"));
}

TEST(IssuePayload, TitleIsOneLineEvenWhenTheDetailIsNot) {
    Violation v = proxy_on_data();
    v.detail = "proxy attached\n  to devonb_data\n";
    EXPECT_EQ(title_of(entry(State::open, "t", v)), "meshprobe: proxy attached to devonb_data (attachment)");
}

TEST(IssuePayload, LongTitleIsCutBetweenCharactersWithinGitHubsLimit) {
    Violation v = proxy_on_data();
    v.detail.clear();
    for (int i = 0; i < 300; ++i) v.detail += "\u00e9";  // two bytes each
    const nlohmann::json payload = issue_payload(entry(State::resolved, "t", v));
    const std::string title = payload["title"].get<std::string>();
    EXPECT_THAT(title, EndsWith("\u00e9\u2026"));
    std::size_t code_points = 0;
    for (unsigned char c : title) code_points += (c & 0xC0) != 0x80 ? 1 : 0;
    EXPECT_LE(code_points, 256u);
    EXPECT_NO_THROW(static_cast<void>(payload.dump()));  // dump refuses invalid UTF-8
}

TEST(IssuePayload, WithoutADetailTheTitleNamesServiceAndSubject) {
    Violation v = proxy_on_data();
    v.detail.clear();
    EXPECT_EQ(title_of(entry(State::open, "t", v)), "meshprobe: proxy: network devonb_data (attachment)");
}

}  // namespace
}  // namespace meshprobe::watch
