#include <regex>

#include <fmt/format.h>

#include "contract/address_syntax.h"
#include "contract/contract_sections.h"

namespace meshprobe {

void read_policy(const Value& policy, Contract& contract) {
    Mapping fields(policy, {"same_tier", "cross_tier", "reverse"});
    if (auto same_tier = fields.get("same_tier"))
        contract.policy.same_tier_allow = same_tier->choice({"allow", "deny"}) == "allow";
    if (auto cross_tier = fields.get("cross_tier")) {
        std::string written = cross_tier->scalar("deny");
        if (written != "deny")
            cross_tier->fail(fmt::format(
                "policy.cross_tier must be deny, got '{}': paths between tiers are opened by flows",
                written));
    }
    if (auto reverse = fields.get("reverse"))
        contract.policy.reverse_allow = reverse->choice({"allow", "deny"}) == "allow";
}

void read_probe(const Value& probe, Contract& contract) {
    Mapping fields(probe, {"timeout_ms", "egress_targets"});
    if (auto timeout = fields.get("timeout_ms"))
        contract.probe.timeout_ms = timeout->number(1, 60000);
    if (auto targets = fields.get("egress_targets")) {
        for (const Value& item : targets->items()) {
            std::string written = item.text();
            try {
                EgressTarget target = parse_egress_target(written);
                target.where = item.where();
                contract.probe.egress_targets.push_back(target);
            } catch (const SyntaxError& error) {
                item.fail(fmt::format("{} '{}' is not 'host' or 'host:port': {}", item.path(),
                                      written, error.what()));
            }
        }
    }
}

void read_suppressions(const Value& suppress, Contract& contract) {
    static const std::regex rule_id("MESH[0-9]{3}");
    for (const Value& item : suppress.items()) {
        Mapping fields(item, {"rule", "service", "reason"});
        Suppression suppression;
        suppression.where = item.where();
        Value rule = fields.require("rule");
        suppression.rule = rule.text();
        if (!std::regex_match(suppression.rule, rule_id))
            rule.fail(fmt::format("{} must be a rule id like MESH003, got '{}'", rule.path(),
                                  suppression.rule));
        if (auto service = fields.get("service")) suppression.service = service->text();
        Value reason = fields.require("reason");
        suppression.reason = reason.text();
        if (suppression.reason.find_first_not_of(" \t") == std::string::npos)
            reason.fail(fmt::format("{} must say why the finding is accepted", reason.path()));
        contract.suppressions.push_back(suppression);
    }
}

}  // namespace meshprobe
