#include "reports/markdown.h"

#include <gtest/gtest.h>

#include "sample_report.h"

namespace meshprobe {
namespace {

using testing::make_check;
using testing::sample_report;

bool has_line(const std::string& text, const std::string& line) {
    return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

TEST(Markdown, HeadlineShowsFailureIconAndCounts) {
    const std::string md = render_markdown(sample_report());
    EXPECT_EQ(md.substr(0, md.find('\n')), "## ❌ meshprobe: 8 checks: 5 pass, 1 fail, 2 error");
}

TEST(Markdown, HeadlineShowsSuccessIconWhenEverythingPasses) {
    RunReport report;
    report.checks.push_back(make_check(Suite::reach, Endpoint::service("a"), Endpoint::service("b", 1), Want::reachable, "reachable", "connected", Verdict::pass));
    const std::string md = render_markdown(report);
    EXPECT_EQ(md.substr(0, md.find('\n')), "## ✅ meshprobe: 1 checks: 1 pass, 0 fail, 0 error");
}

TEST(Markdown, HeadlineShowsWarningIconForErrorsWithoutFailures) {
    RunReport report;
    report.checks.push_back(make_check(Suite::egress, Endpoint::tier("data"), Endpoint::host(), Want::blocked, "blocked", "inconclusive", Verdict::error));
    EXPECT_EQ(render_markdown(report).rfind("## ⚠️ meshprobe:", 0), 0u);
}

TEST(Markdown, SecondLineNamesContractEnvironmentNotesAndTime) {
    EXPECT_TRUE(has_line(render_markdown(sample_report()),
                         "contract `mesh.yaml`, environment `dev`, 1 notes, 0 model disagreements, 1.84 s."));
}

TEST(Markdown, ModelDisagreementsAreListed) {
    RunReport report = sample_report();
    report.checks[0].predicted = Reach::blocked;
    report.checks[0].seen = Reach::reachable;
    const std::string md = render_markdown(report);
    EXPECT_TRUE(has_line(md, "### Model disagreements")) << md;
    EXPECT_NE(md.find("`" + report.checks[0].id() + "`: predicted blocked, seen reachable"), std::string::npos) << md;
}

TEST(Markdown, SuiteTableHasOneRowPerSuiteWithChecks) {
    const std::string md = render_markdown(sample_report());
    EXPECT_TRUE(has_line(md, "| suite | pass | fail | error |")) << md;
    EXPECT_TRUE(has_line(md, "| dns | 1 | 0 | 0 |")) << md;
    EXPECT_TRUE(has_line(md, "| reach | 3 | 1 | 1 |")) << md;
    EXPECT_TRUE(has_line(md, "| isolation | 1 | 0 | 0 |")) << md;
    EXPECT_TRUE(has_line(md, "| egress | 0 | 0 | 1 |")) << md;
    EXPECT_EQ(md.find("| ports |"), std::string::npos) << md;
}

TEST(Markdown, ProblemTableListsFailuresThenErrors) {
    const std::string md = render_markdown(sample_report());
    const std::string fail = "| fail | `reach:traefik->frontend:3000` | reachable | timeout after 1000 ms |";
    const std::string error = "| error | `reach:backend->db:5432` | reachable | inconclusive: no positive control |";
    ASSERT_TRUE(has_line(md, fail)) << md;
    ASSERT_TRUE(has_line(md, error)) << md;
    EXPECT_LT(md.find(fail), md.find(error));
}

TEST(Markdown, NoProblemTableWhenEverythingPasses) {
    RunReport report;
    report.checks.push_back(make_check(Suite::reach, Endpoint::service("a"), Endpoint::service("b", 1), Want::reachable, "reachable", "connected", Verdict::pass));
    EXPECT_EQ(render_markdown(report).find("Failures and errors"), std::string::npos);
}

TEST(Markdown, PipesInCellsAreEscaped) {
    RunReport report;
    report.checks.push_back(make_check(Suite::dns, Endpoint::service("a|b"), Endpoint::dns_name("x"), Want::resolves, "one | two", "three|four", Verdict::fail));
    EXPECT_TRUE(has_line(render_markdown(report), "| fail | `dns:a\\|b->x` | one \\| two | three\\|four |"))
        << render_markdown(report);
}

TEST(Markdown, BackticksInIdsGetALongerFence) {
    RunReport report;
    report.checks.push_back(make_check(Suite::dns, Endpoint::service("a`b"), Endpoint::dns_name("x"), Want::nxdomain, "NXDOMAIN", "answer", Verdict::fail));
    report.checks.push_back(make_check(Suite::dns, Endpoint::service("y"), Endpoint::dns_name("x`"), Want::nxdomain, "NXDOMAIN", "answer", Verdict::fail));
    const std::string md = render_markdown(report);
    EXPECT_TRUE(has_line(md, "| fail | ``dns:a`b->x`` | NXDOMAIN | answer |")) << md;
    EXPECT_TRUE(has_line(md, "| fail | `` dns:y->x` `` | NXDOMAIN | answer |")) << md;
}

TEST(Markdown, MarkupInTextCellsIsEscaped) {
    RunReport report;
    report.checks.push_back(make_check(Suite::dns, Endpoint::service("a"), Endpoint::dns_name("x"), Want::nxdomain, "NXDOMAIN", "<b>*x*</b> `y`\nz", Verdict::fail));
    EXPECT_TRUE(has_line(render_markdown(report),
                         "| fail | `dns:a->x` | NXDOMAIN | \\<b\\>\\*x\\*\\</b\\> \\`y\\` z |"))
        << render_markdown(report);
}

TEST(Markdown, NotesAreInACollapsedDetailsSection) {
    const std::string md = render_markdown(sample_report());
    const auto details = md.find("<details><summary>1 notes (reverse paths)</summary>");
    const auto item = md.find("- `reach:auth-service->backend:8001`: reverse path of backend -\\> auth-service:8002");
    const auto end = md.find("</details>");
    ASSERT_NE(details, std::string::npos) << md;
    ASSERT_NE(item, std::string::npos) << md;
    EXPECT_LT(details, item);
    EXPECT_LT(item, end);
}

TEST(Markdown, InfrastructureErrorShowsComposeLogInAFenceItCannotClose) {
    RunReport report;
    report.infra_error = "compose failed to start the stack";
    report.compose_log = "step ```\nfailed";
    const std::string md = render_markdown(report);
    EXPECT_NE(md.find("### Infrastructure error\n\ncompose failed to start the stack\n"), std::string::npos) << md;
    EXPECT_NE(md.find("\n````\nstep ```\nfailed\n````\n"), std::string::npos) << md;
}

}  // namespace
}  // namespace meshprobe
