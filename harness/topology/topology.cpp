#include "topology/topology.h"

#include <algorithm>
#include <future>
#include <set>
#include <system_error>
#include <tuple>

#include "core/cancelled.h"
#include "core/errors.h"
#include "topology/path_classes.h"
#include "topology/path_judge.h"
#include "topology/service_reach.h"

namespace meshprobe {

bool wants_carried(Grant::Kind grant, const ServiceReach& from, const ServiceReach& to) {
    if (grant == Grant::Kind::flow) return true;
    return grant == Grant::Kind::same_tier && reaches_anything(from) && reaches_anything(to);
}

TopologyPath judge_path(const Reachability& policy, const Party& from, const std::string& to, std::optional<int> port,
                        std::vector<std::string> networks) {
    TopologyPath path{from.service, to, port, std::move(networks), PathVerdict::allowed, Grant::Kind::none, {}, {}};
    const Grant grant = port ? policy.grant(from, to, *port) : policy.grant_every_port(from, to);
    path.grant = grant.kind;
    if (grant.flow) path.flow = grant.flow->where;
    if (grant) return path;
    path.reverse_of = policy.reverse_of(from, to);
    path.verdict = !path.reverse_of.empty() && policy.reverse_allowed() ? PathVerdict::reverse : PathVerdict::forbidden;
    return path;
}

UnallowedPorts unallowed_ports(const Reachability& policy, const Party& from, const std::string& to,
                               const std::vector<std::optional<int>>& ports) {
    UnallowedPorts out;
    for (const std::optional<int>& port : ports) {
        const Grant grant = port ? policy.grant(from, to, *port) : policy.grant_every_port(from, to);
        if (!grant) out.ports.push_back(port);
    }
    if (!out.ports.empty()) out.reverse_of = policy.reverse_of(from, to);
    return out;
}

namespace {

TopologyService service_of(const StackService& service, const Reachability& policy) {
    TopologyService out;
    out.name = service.name;
    out.tier = policy.party_of(service.name).tier;
    out.network_mode = service.network_mode;
    out.container_name = service.container_name;
    for (const NetworkAttachment& a : service.networks) {
        out.attachments.push_back({a.network, a.aliases, a.ipv4_address, a.ipv6_address, true, a.where});
    }
    out.ports = policy.ports(service.name);
    out.published = service.ports;
    out.where = service.where;
    return out;
}

// Everything but the paths.
Topology stack_of(const Contract& contract, const StackModel& model, const Reachability& policy,
                  const std::string& environment) {
    Topology topology;
    topology.project = contract.project;
    topology.environment = environment;
    topology.contract_dir = contract.dir;
    for (const Tier& tier : contract.tiers) {
        topology.tiers.push_back({tier.name, tier.network, tier.internal, tier.egress, tier.where});
    }
    for (const StackNetwork& network : model.networks) {
        const Tier* tier = contract.tier_of_network(network.key);
        topology.networks.push_back({network.key, network.engine_name(contract.project),
                                     network.internal, network.external, network.enable_ipv6,
                                     tier ? tier->name : std::string{}, network.where});
    }
    for (const StackService& service : model.services) topology.services.push_back(service_of(service, policy));
    return topology;
}

// The paths from one service to another: judged where a network carries them, else broken
// where a flow wants them, blocked where nothing does.
std::vector<TopologyPath> between(const Reachability& policy, const StackModel& model, const StackService& from,
                                  const StackService& to, std::optional<int> port) {
    const Party party = policy.party_of(from.name);
    const ServiceReach from_reach = reach_of(model, from), to_reach = reach_of(model, to);
    const std::vector<std::string> networks = carrying_networks(from_reach, to_reach);
    std::vector<std::optional<int>> ports = port ? std::vector<std::optional<int>>{port} : policy.judged_ports(to.name);
    std::vector<TopologyPath> out;
    for (const auto& p : ports) {
        if (!networks.empty()) {
            out.push_back(judge_path(policy, party, to.name, p, networks));
            continue;
        }
        Grant grant = p ? policy.grant(party, to.name, *p) : policy.grant_every_port(party, to.name);
        if (!wants_carried(grant.kind, from_reach, to_reach)) {
            if (const Grant by_flow = policy.flow_grant(party, to.name, p)) grant = by_flow;
        }
        TopologyPath path{from.name, to.name, p, {}, PathVerdict::blocked, grant.kind, {}, {}};
        if (wants_carried(grant.kind, from_reach, to_reach)) path.verdict = PathVerdict::broken;
        if (grant.flow) path.flow = grant.flow->where;
        out.push_back(std::move(path));
    }
    return out;
}

}  // namespace

bool agrees(const TopologyPath& path) {
    return path.verdict != PathVerdict::forbidden && path.verdict != PathVerdict::broken;
}

Topology paths_between(const Contract& contract, const StackModel& model, const std::string& environment,
                       const std::string& from, const std::string& to, std::optional<int> port) {
    const StackService* source = model.find_service(from);
    const StackService* target = model.find_service(to);
    for (const auto& [name, service] : {std::pair{from, source}, std::pair{to, target}}) {
        if (!service) throw InputError("compose defines no service '" + name + "'");
    }
    Reachability policy(contract, declared_ports(contract, model));
    Topology topology = stack_of(contract, model, policy, environment);
    topology.paths = between(policy, model, *source, *target, port);
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


Topology build_topology(const Contract& contract, const StackModel& model, const std::string& environment,
                        PathForm form) {
    const Reachability policy(contract, declared_ports(contract, model));
    return build_topology(contract, model, environment, policy, form);
}

Topology build_topology(const Contract& contract, const StackModel& model, const std::string& environment,
                        const Reachability& policy, PathForm form) {
    // The services' copies take as long as the classes on a large stack, and the two only read
    // their inputs: the copies are made on a second thread meanwhile.
    std::future<Topology> stack;
    try {
        stack = std::async(std::launch::async, [&] { return stack_of(contract, model, policy, environment); });
    } catch (const std::system_error&) {
        stack = std::async(std::launch::deferred, [&] { return stack_of(contract, model, policy, environment); });
    }
    const PathClasses classes(contract, model, policy);
    std::vector<ServiceGroup> groups = classes.groups();
    std::vector<PathClass> classified = classes.classify();
    Topology topology = stack.get();
    topology.groups = std::move(groups);
    topology.classes = std::move(classified);
    if (form == PathForm::pairs) topology.paths = classes.expand(topology.classes);
    return topology;
}

void expand_paths(Topology& topology, const Contract& contract, const StackModel& model) {
    const Reachability policy(contract, declared_ports(contract, model));
    topology.paths = PathClasses(contract, model, policy).expand(topology.classes);
}

std::size_t pair_count(const Topology& topology) {
    std::size_t out = 0;
    for (const PathClass& c : topology.classes) out += c.pairs;
    return out;
}

bool is_large(const Topology& topology) {
    return topology.services.size() > kLargeServices || pair_count(topology) > kLargePairs;
}

}  // namespace meshprobe
