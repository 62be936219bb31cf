#include "topology/name_claims.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/network_mode.h"

namespace meshprobe {
namespace {

struct Claim {
    const TopologyService* service;
    NameCollision::Claim kind;
    SourceLocation where;
};

using Claims = std::map<std::string, std::vector<Claim>>;  // name -> who answers to it

void add_claims(const TopologyService& service, const TopologyAttachment& attachment, Claims& claims) {
    claims[service.name].push_back({&service, NameCollision::Claim::name, service.where});
    if (!service.container_name.empty() && service.container_name != service.name)
        claims[service.container_name].push_back({&service, NameCollision::Claim::container_name, service.where});
    const SourceLocation& at = attachment.where.line ? attachment.where : service.where;
    for (const std::string& alias : attachment.aliases) {
        if (alias != service.name && alias != service.container_name)
            claims[alias].push_back({&service, NameCollision::Claim::alias, at});
    }
}

const TopologyService* owner_of(const Contract& contract, const std::string& name, const std::vector<Claim>& claims) {
    for (const Claim& claim : claims) {
        if (claim.service->name == name) return claim.service;
    }
    for (const Claim& claim : claims) {
        const ServiceSpec* spec = contract.find_service(claim.service->name);
        if (spec && std::find(spec->aliases.begin(), spec->aliases.end(), name) != spec->aliases.end())
            return claim.service;
    }
    return claims.front().service;
}

}  // namespace

std::vector<NameCollision> name_collisions(const Topology& topology, const Contract& contract) {
    // One pass over the services, each claim filed under its network.
    std::unordered_map<std::string, Claims> by_network;
    for (const TopologyService& service : topology.services) {
        if (!NetworkMode::of(service.network_mode).on_networks()) continue;
        for (const TopologyAttachment& attachment : service.attachments) add_claims(service, attachment, by_network[attachment.network]);
    }
    std::vector<NameCollision> out;
    for (const TopologyNetwork& network : topology.networks) {
        const auto claims_here = by_network.find(network.key);
        if (claims_here == by_network.end()) continue;
        for (const auto& [name, claims] : claims_here->second) {
            if (claims.size() < 2) continue;
            const TopologyService* owner = owner_of(contract, name, claims);
            for (const Claim& claim : claims) {
                if (claim.service != owner) out.push_back({network.key, name, owner->name, claim.service->name, claim.kind, claim.where});
            }
        }
    }
    return out;
}

}  // namespace meshprobe
