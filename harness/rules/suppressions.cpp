#include "rules/check_run.h"
#include "rules/rule_catalog.h"

namespace meshprobe {
namespace {

bool covers(const Suppression& suppression, const Finding& finding) {
    return finding.rule == suppression.rule && (suppression.service.empty() || suppression.service == finding.service);
}

Finding unused(const Suppression& suppression) {
    Finding finding;
    finding.rule = "MESH000";
    finding.severity = find_rule("MESH000")->severity;
    finding.service = suppression.service;
    finding.where = suppression.where;
    std::string target = suppression.rule + (suppression.service.empty() ? "" : " for " + suppression.service);
    finding.message = find_rule(suppression.rule)
                          ? "the suppression of " + target + " matches no finding"
                          : "the suppression names " + suppression.rule + ", which is no rule of this meshprobe";
    finding.fix = "remove the suppression, or correct its rule or service";
    return finding;
}

}  // namespace

void apply_suppressions(const Contract& contract, std::vector<Finding>& findings) {
    std::vector<Finding> unused_ones;
    for (const Suppression& suppression : contract.suppressions) {
        bool used = false;
        for (Finding& finding : findings) {
            if (!covers(suppression, finding) || finding.suppressed()) continue;
            finding.suppressed_because = suppression.reason;
            used = true;
        }
        if (!used) unused_ones.push_back(unused(suppression));
    }
    findings.insert(findings.end(), unused_ones.begin(), unused_ones.end());
}

}  // namespace meshprobe
