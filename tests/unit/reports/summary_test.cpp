#include "reports/summary.h"

#include <algorithm>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>

#include "reports/tally.h"
#include "sample_report.h"

namespace meshprobe {
namespace {

using testing::make_check;
using testing::sample_report;

const SummaryStyle kAscii{.color = false, .unicode = false, .width = 0};
const SummaryStyle kUnicode{.color = false, .unicode = true, .width = 0};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// The ASCII symbol a matrix shows for (vantage, target): the character in the vantage's row
// under the middle of the target's column label.
char cell(const std::string& summary, const std::string& vantage, const std::string& target) {
    const std::vector<std::string> lines = lines_of(summary);
    const std::string& header = lines.at(1);
    const std::size_t column = header.find(" " + target) + 1;
    const std::size_t middle = column + (target.size() - 1) / 2;
    for (const std::string& line : lines) {
        if (line.rfind(vantage + " ", 0) == 0) return middle < line.size() ? line[middle] : ' ';
    }
    ADD_FAILURE() << "no row for " << vantage << " in\n" << summary;
    return '?';
}

bool has_line(const std::string& text, const std::string& line) {
    for (const std::string& l : lines_of(text)) {
        if (l == line) return true;
    }
    return false;
}

TEST(Summary, MatrixHasSortedTargetServicesAsColumns) {
    const std::vector<std::string> lines = lines_of(render_summary(sample_report(), kAscii));
    EXPECT_EQ(lines.at(0), "reach: from (rows) -> to (columns)");
    EXPECT_EQ(lines.at(1), "              backend  db  frontend");
}

TEST(Summary, MatrixHasOneRowPerVantageInSortedOrder) {
    const std::vector<std::string> lines = lines_of(render_summary(sample_report(), kAscii));
    EXPECT_EQ(lines.at(2).substr(0, 12), "auth-service");
    EXPECT_EQ(lines.at(3).substr(0, 7), "backend");
    EXPECT_EQ(lines.at(4).substr(0, 8), "frontend");
    EXPECT_EQ(lines.at(5).substr(0, 7), "traefik");
}

TEST(Summary, MatrixAsciiSymbolsPerCell) {
    const std::string summary = render_summary(sample_report(), kAscii);
    EXPECT_EQ(cell(summary, "traefik", "backend"), '+') << summary;
    EXPECT_EQ(cell(summary, "frontend", "db"), '.') << summary;
    EXPECT_EQ(cell(summary, "traefik", "frontend"), 'X') << summary;
    EXPECT_EQ(cell(summary, "backend", "db"), '!') << summary;
    EXPECT_EQ(cell(summary, "auth-service", "backend"), '~') << summary;
    EXPECT_EQ(cell(summary, "traefik", "db"), ' ') << summary;
}

TEST(Summary, MatrixUnicodeSymbols) {
    const std::vector<std::string> lines = lines_of(render_summary(sample_report(), kUnicode));
    EXPECT_EQ(lines.at(0), "reach: from (rows) → to (columns)");
    // Columns centre on backend (17), db (23) and frontend (30).
    EXPECT_EQ(lines.at(2), "auth-service" + std::string(5, ' ') + "~");
    EXPECT_EQ(lines.at(3), "backend" + std::string(16, ' ') + "!");
    EXPECT_EQ(lines.at(4), "frontend" + std::string(15, ' ') + "·");
    EXPECT_EQ(lines.at(5), "traefik" + std::string(10, ' ') + "✓" + std::string(12, ' ') + "✗");
}

TEST(Summary, LegendNamesEverySymbol) {
    EXPECT_TRUE(has_line(render_summary(sample_report(), kUnicode),
                         "✓ reached  · blocked as expected  ✗ failed  ! error  ~ reverse path (note)"));
    EXPECT_TRUE(has_line(render_summary(sample_report(), kAscii),
                         "+ reached  . blocked as expected  X failed  ! error  ~ reverse path (note)"));
}

TEST(Summary, OneFailingPortFailsTheWholeCell) {
    RunReport report;
    report.checks = {
        make_check(Suite::reach, Endpoint::service("edge"), Endpoint::service("api", 80), Want::reachable, "reachable", "connected", Verdict::pass),
        make_check(Suite::reach, Endpoint::service("edge"), Endpoint::service("api", 81), Want::reachable, "reachable", "timeout", Verdict::fail),
        make_check(Suite::reach, Endpoint::service("edge"), Endpoint::service("api", 82), Want::blocked, "blocked", "timeout", Verdict::pass),
    };
    EXPECT_EQ(cell(render_summary(report, kAscii), "edge", "api"), 'X');
}

TEST(Summary, ReachedPortBeatsBlockedPortInACell) {
    RunReport report;
    report.checks = {
        make_check(Suite::reach, Endpoint::service("edge"), Endpoint::service("api", 82), Want::blocked, "blocked", "timeout", Verdict::pass),
        make_check(Suite::reach, Endpoint::service("edge"), Endpoint::service("api", 80), Want::reachable, "reachable", "connected", Verdict::pass),
    };
    EXPECT_EQ(cell(render_summary(report, kAscii), "edge", "api"), '+');
}

TEST(Summary, NarrowTerminalNumbersTheColumnsWithAKey) {
    const std::vector<std::string> lines =
        lines_of(render_summary(sample_report(), {.color = false, .unicode = false, .width = 20}));
    EXPECT_EQ(lines.at(1), "              1  2  3");
    EXPECT_EQ(lines.at(5), "traefik       +     X");
    EXPECT_EQ(lines.at(6), "  1 backend");
    EXPECT_EQ(lines.at(7), "  2 db");
    EXPECT_EQ(lines.at(8), "  3 frontend");
}

TEST(Summary, NoMatrixWithoutReachChecks) {
    RunReport report;
    report.checks.push_back(make_check(Suite::dns, Endpoint::service("a"), Endpoint::dns_name("b"), Want::nxdomain, "NXDOMAIN", "NXDOMAIN", Verdict::pass));
    EXPECT_EQ(render_summary(report, kAscii), "meshprobe: 1 checks: 1 pass, 0 fail, 0 error (0 notes) in 0.00 s\n");
}

TEST(Summary, ListsFailuresThenErrorsOnePerLine) {
    const std::vector<std::string> lines = lines_of(render_summary(sample_report(), kAscii));
    const std::vector<std::string> expected = {
        "FAIL reach:traefik->frontend:3000  expected reachable, observed timeout after 1000 ms",
        "ERROR reach:backend->db:5432  expected reachable, observed inconclusive: no positive control",
        "ERROR egress:data->172.17.0.1:9  expected blocked, observed inconclusive: no positive control",
    };
    const auto first = std::find(lines.begin(), lines.end(), expected[0]);
    ASSERT_NE(first, lines.end());
    EXPECT_EQ(std::vector<std::string>(first, first + 3), expected);
}

TEST(Summary, InfrastructureErrorIsListed) {
    RunReport report;
    report.infra_error = "no Docker engine at /var/run/docker.sock";
    EXPECT_TRUE(has_line(render_summary(report, kAscii),
                         "ERROR infrastructure  no Docker engine at /var/run/docker.sock"));
}

TEST(Summary, EndsWithTheCountsLine) {
    const std::vector<std::string> lines = lines_of(render_summary(sample_report(), kAscii));
    EXPECT_EQ(lines.back(), "meshprobe: 8 checks: 5 pass, 1 fail, 2 error (1 notes) in 1.84 s");
    EXPECT_EQ(summary_line(sample_report()), lines.back());
}

TEST(Summary, NoEscapeSequencesWithoutColour) {
    EXPECT_EQ(render_summary(sample_report(), kUnicode).find('\x1b'), std::string::npos);
}

TEST(Summary, ColoursSymbolsVerdictsAndFinalLineWithColour) {
    const std::string summary =
        render_summary(sample_report(), {.color = true, .unicode = true, .width = 0});
    EXPECT_NE(summary.find("\x1b[31m✗\x1b[0m"), std::string::npos);
    EXPECT_NE(summary.find("\x1b[31mFAIL\x1b[0m reach:traefik->frontend:3000"), std::string::npos);
    EXPECT_NE(summary.find("\x1b[1m\x1b[31mmeshprobe: 8 checks"), std::string::npos);
}

}  // namespace
}  // namespace meshprobe

TEST(Counted, OneIsSingularAndEveryOtherCountPlural) {
    EXPECT_EQ(meshprobe::counted(1, "error"), "1 error");
    EXPECT_EQ(meshprobe::counted(0, "error"), "0 errors");
    EXPECT_EQ(meshprobe::counted(2, "warning"), "2 warnings");
}
