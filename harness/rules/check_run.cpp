#include "rules/check_run.h"

#include <algorithm>
#include <tuple>

#include "core/errors.h"
#include "rules/rules.h"

namespace meshprobe {
namespace {

bool same_finding(const Finding& a, const Finding& b) {
    return a.rule == b.rule && a.severity == b.severity && a.message == b.message && a.service == b.service &&
           a.where.file == b.where.file && a.where.line == b.where.line;
}

// A finding several environments share is one finding, listing them.
void merge_environments(std::vector<Finding>& merged, std::vector<Finding> more) {
    for (Finding& finding : more) {
        auto it = std::find_if(merged.begin(), merged.end(), [&](const Finding& f) { return same_finding(f, finding); });
        if (it == merged.end()) {
            merged.push_back(std::move(finding));
            continue;
        }
        for (const std::string& environment : finding.environments) {
            if (std::find(it->environments.begin(), it->environments.end(), environment) == it->environments.end())
                it->environments.push_back(environment);
        }
    }
}

void sort_for_reading(std::vector<Finding>& findings) {
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.where.file, a.where.line, a.rule) < std::tie(b.where.file, b.where.line, b.rule);
    });
}

}  // namespace

int CheckReport::count(Severity severity) const {
    return static_cast<int>(std::count_if(findings.begin(), findings.end(), [&](const Finding& f) {
        return f.severity == severity && !f.suppressed();
    }));
}

int CheckReport::suppressed() const {
    return static_cast<int>(std::count_if(findings.begin(), findings.end(), [](const Finding& f) { return f.suppressed(); }));
}

int CheckReport::exit_code() const {
    bool failed = std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.fails(); });
    return failed ? kExitViolations : kExitConformant;
}

std::vector<Finding> check_environment(const Contract& contract, const ComposeModel& model,
                                       const std::string& environment) {
    using Rule = void (*)(const RuleInput&, Findings&);
    static const Rule rules[] = {
        check_coverage,      check_attachments,     check_over_permission, check_flows,
        check_network_flags, check_published_ports, check_name_claims,     check_aliases,
        check_network_mode,  check_contract_names,  check_docker_socket,   check_links,
    };
    RuleInput input(contract, model);
    Findings out(environment);
    for (Rule rule : rules) rule(input, out);
    return out.take();
}

CheckReport check_contract(const Contract& contract, const std::vector<EnvironmentModel>& models) {
    CheckReport report;
    report.contract = contract.path;
    for (const EnvironmentModel& environment : models) {
        report.environments.push_back(environment.name);
        merge_environments(report.findings, check_environment(contract, environment.model, environment.name));
    }
    merge_environments(report.findings, compare_environments(contract, models));
    apply_suppressions(contract, report.findings);
    for (Finding& finding : report.findings) {
        if (finding.environments.empty()) finding.environments = report.environments;
    }
    sort_for_reading(report.findings);
    return report;
}

}  // namespace meshprobe
