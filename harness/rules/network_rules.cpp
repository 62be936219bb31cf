#include "rules/rules.h"

namespace meshprobe {

// MESH005
void check_network_flags(const RuleInput& input, Findings& out) {
    for (const Tier& tier : input.contract.tiers) {
        const StackNetwork* network = input.model.find_network(tier.network);
        // An external network's flags live in the engine, not in the files: the runtime checks it.
        if (!network || network->external || network->internal == tier.internal) continue;
        const char* expected = tier.internal ? "true" : "false";
        Finding& finding = out.add(
            "MESH005", "", network->where,
            "network " + tier.network + " (tier " + tier.name + ") has internal: " +
                (network->internal ? "true" : "false") + ", the contract says internal: " + expected,
            std::string("set internal: ") + expected + " on " + tier.network +
                " (an override that redefines a network must repeat it)");
        finding.contract_where = tier.where;
    }
}

// MESH016: egress: deny holds only where every network of the tier's services is internal.
void check_egress_deny(const RuleInput& input, Findings& out) {
    for (const Tier& tier : input.contract.tiers) {
        if (tier.egress != Egress::deny) continue;
        const StackNetwork* own = input.model.find_network(tier.network);
        // A contract that says internal: true is MESH005's when compose disagrees.
        if (own && !own->external && !own->internal && !tier.internal) {
            Finding& finding = out.add(
                "MESH016", "", own->where,
                "tier " + tier.name + " denies egress, but its network " + tier.network +
                    " is not internal: every service on it has a route out through the bridge",
                "set internal: true on " + tier.network + " (and internal: true on the tier in the contract)");
            finding.contract_where = tier.where;
        }
        for (const StackService& service : input.model.services) {
            const Tier* mine = input.tier_of(service.name);
            if (mine != &tier) continue;
            for (const NetworkAttachment& attachment : service.networks) {
                if (attachment.network == tier.network) continue;
                const StackNetwork* other = input.model.find_network(attachment.network);
                if (!other || other->internal) continue;
                Finding& finding = out.add(
                    "MESH016", service.name, attachment.where.line ? attachment.where : service.where,
                    "service " + service.name + " (tier " + tier.name + ", egress: deny) is also on " +
                        attachment.network + ", which is not internal: it has a route out through that network",
                    "detach " + service.name + " from " + attachment.network + ", or make " + attachment.network +
                        " internal");
                finding.contract_where = tier.where;
            }
        }
    }
}

// MESH011
void check_contract_names(const RuleInput& input, Findings& out) {
    for (const Tier& tier : input.contract.tiers) {
        // Compose's implicit network exists for any service that names no network, even while none does.
        if (input.model.find_network(tier.network) || tier.network == "default") continue;
        out.add("MESH011", "", tier.where,
                "tier " + tier.name + " names network " + tier.network + ", which the compose files do not define",
                "define " + tier.network + " under the top-level networks: of a compose file, or fix the tier's network:");
    }
    for (const ServiceSpec& spec : input.contract.services) {
        // A service of an inactive profile or of another environment's files exists; it is
        // judged where it runs.
        if (input.service(spec.name) || input.model.inactive.count(spec.name) ||
            (input.defined_in_any_environment && input.defined_in_any_environment->count(spec.name)))
            continue;
        out.add("MESH011", spec.name, spec.where,
                "the contract describes service " + spec.name + ", which no compose file of the contract defines",
                "remove it from the contract, or fix its name");
    }
}

}  // namespace meshprobe
