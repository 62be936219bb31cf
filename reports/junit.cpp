#include "reports/junit.h"

#include <ctime>

#include <fmt/format.h>

#include "reports/tally.h"
#include "reports/xml_text.h"

namespace meshprobe {
namespace {

const char* const kInfrastructureSuite = "meshprobe.infrastructure";

// JUnit's timestamp is an xs:dateTime without a zone; readers take it as UTC.
std::string iso_timestamp(std::chrono::system_clock::time_point when) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    return text;
}

std::string seconds_text(double seconds) { return fmt::format("{:.3f}", seconds); }

// Evidence can hold bytes from the network; invalid UTF-8 must not abort the report.
std::string pretty_evidence(const nlohmann::json& evidence) {
    return evidence.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string problem_body(const Check& check) {
    std::string body = fmt::format("expected: {}\nobserved: {}\n", check.expected, check.observed);
    if (!check.note.empty()) body += fmt::format("note: {}\n", check.note);
    body += fmt::format("evidence:\n{}\n", pretty_evidence(check.evidence));
    return body;
}

void append_testcase(std::string& out, const Check& check) {
    out += fmt::format("    <testcase classname=\"meshprobe.{}\" name=\"{}\" time=\"{}\"",
                       to_string(check.suite), xml_attribute(check.id()), seconds_text(check.seconds));
    if (check.verdict == Verdict::pass && check.note.empty()) {
        out += "/>\n";
        return;
    }
    out += ">\n";
    if (check.verdict != Verdict::pass) {
        const char* element = check.verdict == Verdict::fail ? "failure" : "error";
        out += fmt::format("      <{0} message=\"{1}\" type=\"{2}\">{3}</{0}>\n", element,
                           xml_attribute(expected_observed(check)), to_string(check.verdict),
                           xml_text(problem_body(check)));
    }
    if (!check.note.empty()) {
        out += fmt::format("      <system-out>{}</system-out>\n", xml_text(check.note));
    }
    out += "    </testcase>\n";
}

void append_suite(std::string& out, const RunReport& report, Suite suite,
                  const std::string& timestamp) {
    const Tally counts = tally(report.checks, suite);
    if (counts.total() == 0) return;
    out += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" "
        "time=\"{}\" timestamp=\"{}\">\n",
        to_string(suite), counts.total(), counts.fail, counts.error,
        seconds_text(counts.seconds), timestamp);
    for (const Check& check : report.checks) {
        if (check.suite == suite) append_testcase(out, check);
    }
    out += "  </testsuite>\n";
}

void append_infrastructure_suite(std::string& out, const RunReport& report,
                                 const std::string& timestamp) {
    out += fmt::format(
        "  <testsuite name=\"{0}\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" "
        "time=\"{1}\" timestamp=\"{2}\">\n"
        "    <testcase classname=\"{0}\" name=\"infrastructure\" time=\"{1}\">\n"
        "      <error message=\"{3}\" type=\"infrastructure\">{4}</error>\n"
        "    </testcase>\n"
        "  </testsuite>\n",
        kInfrastructureSuite, seconds_text(report.seconds), timestamp,
        xml_attribute(report.infra_error), xml_text(report.compose_log));
}

}  // namespace

std::string render_junit(const RunReport& report) {
    const auto duration = std::chrono::duration_cast<std::chrono::system_clock::duration>(
        std::chrono::duration<double>(report.seconds));
    return render_junit(report, std::chrono::system_clock::now() - duration);
}

std::string render_junit(const RunReport& report, std::chrono::system_clock::time_point started) {
    const Tally counts = tally(report.checks);
    const bool infrastructure = !report.infra_error.empty();
    const std::string timestamp = iso_timestamp(started);

    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format(
        "<testsuites name=\"meshprobe\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{}\">\n",
        counts.total() + (infrastructure ? 1 : 0), counts.fail,
        counts.error + (infrastructure ? 1 : 0), seconds_text(report.seconds));
    for (Suite suite : all_suites()) append_suite(out, report, suite, timestamp);
    if (infrastructure) append_infrastructure_suite(out, report, timestamp);
    out += "</testsuites>\n";
    return out;
}

}  // namespace meshprobe
