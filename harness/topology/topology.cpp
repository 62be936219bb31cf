#include "topology/topology.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/cancelled.h"
#include "core/errors.h"

namespace meshprobe {
namespace {

// Paths exist only between namespaces of their own on the stack's networks; a sidecar
// (`service:X`) is X's namespace, `host`, `none` and `bridge` are outside the stack.
bool on_stack_networks(const ComposeService& service) { return service.mode().on_networks(); }

std::string tier_of(const Contract& contract, const std::string& service) {
    const ServiceSpec* spec = contract.find_service(service);
    return spec ? spec->tier : std::string{};
}

std::vector<std::string> shared_networks(const ComposeService& a, const ComposeService& b) {
    std::vector<std::string> out;
    for (const NetworkAttachment& attachment : a.networks) {
        if (b.attachment(attachment.network)) out.push_back(attachment.network);
    }
    return out;
}

TopologyService service_of(const Contract& contract, const ComposeService& service, const Reachability& policy) {
    TopologyService out;
    out.name = service.name;
    out.tier = tier_of(contract, service.name);
    out.network_mode = service.network_mode;
    for (const NetworkAttachment& a : service.networks) {
        out.attachments.push_back({a.network, a.aliases, a.ipv4_address, a.ipv6_address, true, a.where});
    }
    out.ports = policy.ports(service.name);
    out.published = service.ports;
    out.where = service.where;
    return out;
}

// Everything but the paths.
Topology stack_of(const Contract& contract, const ComposeModel& model, const Reachability& policy,
                  const std::string& environment) {
    Topology topology;
    topology.project = contract.project;
    topology.environment = environment;
    topology.contract_dir = contract.dir;
    for (const Tier& tier : contract.tiers) {
        topology.tiers.push_back({tier.name, tier.network, tier.internal, tier.egress, tier.where});
    }
    for (const ComposeNetwork& network : model.networks) {
        const Tier* tier = contract.tier_of_network(network.key);
        topology.networks.push_back({network.key, network.engine_name(contract.project),
                                     network.internal, network.external, network.enable_ipv6,
                                     tier ? tier->name : std::string{}, network.where});
    }
    for (const ComposeService& service : model.services) topology.services.push_back(service_of(contract, service, policy));
    return topology;
}

// The ports a path to `to` is judged on: the one asked for, else every port it serves, else
// "every port" (nullopt).
std::vector<std::optional<int>> ports_to_judge(const Reachability& policy, const std::string& to, std::optional<int> asked) {
    if (asked) return {asked};
    return policy.judged_ports(to);
}

class PathFinder {
public:
    PathFinder(const Contract& contract, const ComposeModel& model, const Reachability& policy)
        : contract_(contract), model_(model), policy_(policy) {}

    std::vector<TopologyPath> carried() {
        std::vector<TopologyPath> out;
        for (const ComposeService& from : model_.services) {
            throw_if_cancelled();
            if (!on_stack_networks(from)) continue;
            Party party = policy_.party_of(from.name);
            for (const ComposeService& to : model_.services) {
                if (&to == &from || !on_stack_networks(to)) continue;
                std::vector<std::string> networks = shared_networks(from, to);
                if (networks.empty()) continue;
                for (const auto& port : ports_to_judge(policy_, to.name, std::nullopt))
                    out.push_back(judge(party, to.name, port, networks));
            }
        }
        return out;
    }

    // Allowed flows between services that share no network: the contract wants a path that
    // the compose files do not give.
    std::vector<TopologyPath> broken() {
        std::vector<TopologyPath> out;
        std::set<std::tuple<std::string, std::string, int>> seen;
        for (const Flow& flow : contract_.flows) {
            for (const ComposeService& from : model_.services) {
                throw_if_cancelled();
                if (!on_side(flow.from, from)) continue;
                for (const ComposeService& to : model_.services) {
                    if (&to == &from || !on_side(flow.to, to)) continue;
                    if (on_stack_networks(from) && on_stack_networks(to) && !shared_networks(from, to).empty()) continue;
                    std::vector<std::optional<int>> each(flow.ports.begin(), flow.ports.end());
                    if (each.empty()) each = ports_to_judge(policy_, to.name, std::nullopt);
                    for (const auto& port : each) {
                        if (!seen.emplace(from.name, to.name, port.value_or(0)).second) continue;
                        TopologyPath path{from.name, to.name, port, {}, PathVerdict::broken, Grant::Kind::flow, flow.where, {}};
                        out.push_back(std::move(path));
                    }
                }
            }
        }
        return out;
    }

    std::vector<TopologyPath> between(const ComposeService& from, const ComposeService& to, std::optional<int> port) const {
        Party party = policy_.party_of(from.name);
        std::vector<std::string> networks;
        if (on_stack_networks(from) && on_stack_networks(to)) networks = shared_networks(from, to);
        std::vector<TopologyPath> out;
        for (const auto& p : ports_to_judge(policy_, to.name, port)) {
            if (!networks.empty()) {
                out.push_back(judge(party, to.name, p, networks));
                continue;
            }
            const Grant grant = p ? policy_.grant(party, to.name, *p) : policy_.grant_every_port(party, to.name);
            TopologyPath path{from.name, to.name, p, {}, PathVerdict::blocked, grant.kind, {}, {}};
            if (grant.flow) {
                path.verdict = PathVerdict::broken;
                path.flow = grant.flow->where;
            }
            out.push_back(std::move(path));
        }
        return out;
    }

private:
    bool on_side(const std::vector<FlowSide>& side, const ComposeService& service) const {
        const std::string tier = tier_of(contract_, service.name);
        return std::any_of(side.begin(), side.end(), [&](const FlowSide& s) { return s.takes_in(service.name, tier); });
    }

    TopologyPath judge(const Party& from, const std::string& to, std::optional<int> port,
                       const std::vector<std::string>& networks) const {
        TopologyPath path{from.service, to, port, networks, PathVerdict::allowed, Grant::Kind::none, {}, {}};
        const Grant grant = port ? policy_.grant(from, to, *port) : policy_.grant_every_port(from, to);
        path.grant = grant.kind;
        if (grant.flow) path.flow = grant.flow->where;
        if (grant) return path;
        path.reverse_of = policy_.reverse_of(from, to);
        path.verdict = !path.reverse_of.empty() && policy_.reverse_allowed() ? PathVerdict::reverse : PathVerdict::forbidden;
        return path;
    }

    const Contract& contract_;
    const ComposeModel& model_;
    const Reachability& policy_;
};

}  // namespace

bool agrees(const TopologyPath& path) {
    return path.verdict != PathVerdict::forbidden && path.verdict != PathVerdict::broken;
}

Topology paths_between(const Contract& contract, const ComposeModel& model, const std::string& environment,
                       const std::string& from, const std::string& to, std::optional<int> port) {
    const ComposeService* source = model.find_service(from);
    const ComposeService* target = model.find_service(to);
    for (const auto& [name, service] : {std::pair{from, source}, std::pair{to, target}}) {
        if (!service) throw InputError("compose defines no service '" + name + "'");
    }
    Reachability policy(contract, declared_ports(contract, model));
    Topology topology = stack_of(contract, model, policy, environment);
    topology.paths = PathFinder(contract, model, policy).between(*source, *target, port);
    return topology;
}

const char* to_string(PathVerdict verdict) {
    switch (verdict) {
        case PathVerdict::allowed: return "allowed";
        case PathVerdict::forbidden: return "forbidden";
        case PathVerdict::reverse: return "reverse";
        case PathVerdict::broken: return "broken";
        case PathVerdict::blocked: return "blocked";
    }
    return "?";
}

const TopologyNetwork* Topology::find_network(const std::string& key) const {
    auto it = std::find_if(networks.begin(), networks.end(), [&](const TopologyNetwork& n) { return n.key == key; });
    return it == networks.end() ? nullptr : &*it;
}

const TopologyService* Topology::find_service(const std::string& name) const {
    auto it = std::find_if(services.begin(), services.end(), [&](const TopologyService& s) { return s.name == name; });
    return it == services.end() ? nullptr : &*it;
}


Topology build_topology(const Contract& contract, const ComposeModel& model, const std::string& environment) {
    Reachability policy(contract, declared_ports(contract, model));
    Topology topology = stack_of(contract, model, policy, environment);
    PathFinder finder(contract, model, policy);
    topology.paths = finder.carried();
    std::vector<TopologyPath> broken = finder.broken();
    topology.paths.insert(topology.paths.end(), std::make_move_iterator(broken.begin()),
                          std::make_move_iterator(broken.end()));
    return topology;
}

}  // namespace meshprobe
