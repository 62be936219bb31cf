#include <algorithm>

#include "rules/rules.h"
#include "topology/name_claims.h"

namespace meshprobe {
namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

// MESH007: a query on the model (topology/name_claims.h), the one `watch` asks of the running stack.
void check_name_claims(const RuleInput& input, Findings& out) {
    for (const NameCollision& c : name_collisions(input.topology, input.contract)) {
        out.add("MESH007", c.claimant, c.where,
                c.claimant + " answers to " + c.name + " on " + c.network + ", which is " + c.owner +
                    "'s name: DNS returns both addresses, so clients of " + c.owner + " can reach " + c.claimant +
                    " instead",
                "remove " + c.name + " from " + c.claimant + "'s aliases (or container_name) on " + c.network);
    }
}

// MESH008
void check_aliases(const RuleInput& input, Findings& out) {
    for (const ServiceSpec& spec : input.contract.services) {
        const StackService* service = input.service(spec.name);
        const Tier* tier = input.tier_of(spec.name);
        if (!service || !tier || !service->mode().on_networks()) continue;
        const NetworkAttachment* attachment = service->attachment(tier->network);
        for (const std::string& alias : spec.aliases) {
            if (attachment && (contains(attachment->aliases, alias) || alias == service->name)) continue;
            Finding& finding = out.add(
                "MESH008", spec.name, attachment && attachment->where.line ? attachment->where : service->where,
                "the contract gives " + spec.name + " the alias " + alias + " on " + tier->network + ", but " +
                    (attachment ? "its attachment there does not declare it" : "it is not attached to that network"),
                "add " + alias + " under networks: " + tier->network + ": aliases: of service " + spec.name);
            finding.contract_where = spec.where;
        }
    }
}

}  // namespace meshprobe
