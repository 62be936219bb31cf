#include "reports/static/check_junit.h"

#include <algorithm>

#include <fmt/format.h>

#include "reports/report_paths.h"
#include "reports/xml_text.h"
#include "rules/rule_catalog.h"

namespace meshprobe {
namespace {

struct RuleCase {
    std::string failures;  // one line per unsuppressed error
    std::string output;    // one line per other finding
    int failed = 0;
};

bool in_environment(const Finding& finding, const std::string& environment) {
    return std::find(finding.environments.begin(), finding.environments.end(), environment) != finding.environments.end();
}

std::string finding_line(const Finding& finding, const std::string& base_dir) {
    std::string where = relative_path(finding.where.file, base_dir);
    if (finding.where.line) where += ":" + std::to_string(finding.where.line);
    std::string line = fmt::format("{}: {}: {}", where, to_string(finding.severity), finding.message);
    if (finding.suppressed()) return line + " (suppressed: " + finding.suppressed_because + ")\n";
    return line + (finding.fix.empty() ? "" : " (fix: " + finding.fix + ")") + "\n";
}

RuleCase rule_case(const CheckReport& report, const RuleInfo& rule, const std::string& environment,
                   const std::string& base_dir) {
    RuleCase out;
    for (const Finding& finding : report.findings) {
        if (finding.rule != rule.id || !in_environment(finding, environment)) continue;
        if (finding.fails()) {
            out.failures += finding_line(finding, base_dir);
            ++out.failed;
        } else {
            out.output += finding_line(finding, base_dir);
        }
    }
    return out;
}

std::string testcase(const RuleInfo& rule, const std::string& classname, const RuleCase& result) {
    std::string out = fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\"", xml_attribute(classname),
                                  xml_attribute(rule.id + " " + rule.name));
    if (result.failures.empty() && result.output.empty()) return out + "/>\n";
    out += ">\n";
    if (!result.failures.empty()) {
        out += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                           xml_attribute(fmt::format("{} finding{}: {}", result.failed, result.failed == 1 ? "" : "s",
                                                     rule.help)),
                           xml_attribute(rule.id), xml_text(result.failures));
    }
    if (!result.output.empty()) out += fmt::format("      <system-out>{}</system-out>\n", xml_text(result.output));
    return out + "    </testcase>\n";
}

}  // namespace

std::string render_check_junit(const CheckReport& report, const std::string& base_dir) {
    std::string suites;
    int total_tests = 0, total_failures = 0;
    for (const std::string& environment : report.environments) {
        std::string classname = "meshprobe.check." + environment;
        std::string cases;
        int failures = 0;
        for (const RuleInfo& rule : all_rules()) {
            RuleCase result = rule_case(report, rule, environment, base_dir);
            if (!result.failures.empty()) ++failures;
            cases += testcase(rule, classname, result);
        }
        int tests = static_cast<int>(all_rules().size());
        suites += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" "
                              "time=\"{:.3f}\">\n{}  </testsuite>\n",
                              xml_attribute(classname), tests, failures, report.seconds, cases);
        total_tests += tests;
        total_failures += failures;
    }
    return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"meshprobe check\" tests=\"{}\" "
                       "failures=\"{}\" errors=\"0\" time=\"{:.3f}\">\n{}</testsuites>\n",
                       total_tests, total_failures, report.seconds, suites);
}

std::string render_input_errors_junit(const ShownInputErrors& errors, const std::string& base_dir) {
    std::string lines;
    for (const InputError& error : errors.shown) {
        std::string where = relative_path(error.where().file, base_dir);
        if (error.where().line) where += ":" + std::to_string(error.where().line);
        lines += (where.empty() ? "" : where + ": ") + error.message() + "\n";
    }
    if (errors.more) lines += fmt::format("and {} more\n", errors.more);
    const std::size_t count = errors.shown.size() + errors.more;
    return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"meshprobe check\" tests=\"1\" "
                       "failures=\"0\" errors=\"1\" time=\"0\">\n  <testsuite name=\"meshprobe.check\" tests=\"1\" "
                       "failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0\">\n    <testcase classname=\"meshprobe.check\" "
                       "name=\"contract and compose files\" time=\"0\">\n      <error message=\"{}\" type=\"input\">{}</error>\n"
                       "    </testcase>\n  </testsuite>\n</testsuites>\n",
                       xml_attribute(fmt::format("{} input error{}: nothing was checked", count, count == 1 ? "" : "s")),
                       xml_text(lines));
}

}  // namespace meshprobe
