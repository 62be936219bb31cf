#include "fixture_check.h"

#include <filesystem>

#include "reports/report_paths.h"
#include "rules/check_files.h"

namespace meshprobe::testing {

CheckReport check_fixture(const std::string& contract, bool all_environments) {
    return check_files(std::string(FIXTURES_DIR) + "/" + contract, "", all_environments, compose_file_source());
}

std::vector<Finding> of_rule(const CheckReport& report, const std::string& rule) {
    std::vector<Finding> out;
    for (const Finding& finding : report.findings) {
        if (finding.rule == rule && !finding.suppressed()) out.push_back(finding);
    }
    return out;
}

std::string place(const Finding& finding) {
    std::string fixtures = std::filesystem::weakly_canonical(FIXTURES_DIR).string();
    std::string file = std::filesystem::weakly_canonical(finding.where.file).string();
    return relative_path(file, fixtures) + ":" + std::to_string(finding.where.line);
}

std::vector<std::string> places(const std::vector<Finding>& findings) {
    std::vector<std::string> out;
    for (const Finding& finding : findings) out.push_back(place(finding));
    return out;
}

std::string dump(const CheckReport& report) {
    std::string out;
    for (const Finding& finding : report.findings) {
        out += place(finding) + " " + finding.rule + " " + to_string(finding.severity) + " " + finding.message + "\n";
    }
    return out;
}

}  // namespace meshprobe::testing
