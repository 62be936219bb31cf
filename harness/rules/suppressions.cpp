#include "rules/check_run.h"
#include "rules/rule_catalog.h"
#include "rules/rule_input.h"

namespace meshprobe {
namespace {

bool covers(const Suppression& suppression, const Finding& finding) {
    return finding.rule == suppression.rule && (suppression.service.empty() || suppression.service == finding.service);
}

void report_unused(const Suppression& suppression, Findings& out) {
    std::string target = suppression.rule + (suppression.service.empty() ? "" : " for " + suppression.service);
    out.add("MESH000", suppression.service, suppression.where,
            find_rule(suppression.rule) ? "the suppression of " + target + " matches no finding"
                                        : "the suppression names " + suppression.rule + ", which is no rule of this meshprobe",
            "remove the suppression, or correct its rule or service");
}

}  // namespace

void apply_suppressions(const Contract& contract, std::vector<Finding>& findings) {
    Findings unused_ones{std::vector<std::string>{}};
    for (const Suppression& suppression : contract.suppressions) {
        bool used = false;
        for (Finding& finding : findings) {
            if (!covers(suppression, finding) || finding.suppressed()) continue;
            finding.suppressed_because = suppression.reason;
            used = true;
        }
        if (!used) report_unused(suppression, unused_ones);
    }
    std::vector<Finding> unused = unused_ones.take();
    findings.insert(findings.end(), unused.begin(), unused.end());
}

}  // namespace meshprobe
