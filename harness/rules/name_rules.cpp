#include <algorithm>
#include <map>

#include "rules/rules.h"

namespace meshprobe {
namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

struct Claim {
    const StackService* service;
    SourceLocation where;
};

// The names Docker's DNS answers with a service's address on one network.
std::map<std::string, std::vector<Claim>> claims_on(const RuleInput& input, const std::string& network) {
    std::map<std::string, std::vector<Claim>> claims;
    for (const StackService* service : input.attached(network)) {
        const NetworkAttachment* attachment = service->attachment(network);
        const SourceLocation& at = attachment->where.line ? attachment->where : service->where;
        claims[service->name].push_back({service, service->where});
        if (!service->container_name.empty() && service->container_name != service->name)
            claims[service->container_name].push_back({service, service->where});
        for (const std::string& alias : attachment->aliases) {
            if (alias != service->name && alias != service->container_name) claims[alias].push_back({service, at});
        }
    }
    return claims;
}

// Whose name it is: the service of that name, else the one the contract gives the alias,
// else the first claimant.
const StackService* owner_of(const RuleInput& input, const std::string& name, const std::vector<Claim>& claims) {
    for (const Claim& claim : claims) {
        if (claim.service->name == name) return claim.service;
    }
    for (const Claim& claim : claims) {
        const ServiceSpec* spec = input.spec_of(claim.service->name);
        if (spec && contains(spec->aliases, name)) return claim.service;
    }
    return claims.front().service;
}

}  // namespace

// MESH007
void check_name_claims(const RuleInput& input, Findings& out) {
    for (const StackNetwork& network : input.model.networks) {
        for (const auto& [name, claims] : claims_on(input, network.key)) {
            if (claims.size() < 2) continue;
            const StackService* owner = owner_of(input, name, claims);
            for (const Claim& claim : claims) {
                if (claim.service == owner) continue;
                out.add("MESH007", claim.service->name, claim.where,
                        claim.service->name + " answers to " + name + " on " + network.key + ", which is " +
                            owner->name + "'s name: DNS returns both addresses, so clients of " + owner->name +
                            " can reach " + claim.service->name + " instead",
                        "remove " + name + " from " + claim.service->name + "'s aliases (or container_name) on " +
                            network.key);
            }
        }
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
