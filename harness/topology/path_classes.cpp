#include "topology/path_classes.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>

#include "core/cancelled.h"
#include "topology/path_judge.h"
#include "topology/service_reach.h"

namespace meshprobe {
namespace {

// What makes two services interchangeable for every path from or to them.
struct GroupKey {
    PolicyRole role;
    bool listens = true;
    ServiceReach::Kind reach = ServiceReach::Kind::networks;
    std::vector<std::string> networks;  // sorted

    auto operator<=>(const GroupKey&) const = default;
};

ServiceReach sorted(ServiceReach reach) {
    std::sort(reach.networks.begin(), reach.networks.end());
    return reach;
}

using ClassKey = std::tuple<std::size_t, std::size_t, ClassPorts>;

}  // namespace

PathClasses::PathClasses(const Contract& contract, const StackModel& model, const Reachability& policy)
    : contract_(contract), model_(model), policy_(policy) {
    for (const Flow& flow : contract.flows) flow_ports_.insert(flow.ports.begin(), flow.ports.end());
    std::map<GroupKey, std::size_t> index;
    std::map<std::string, int> per_tier;
    for (const StackService& service : model.services) {
        reaches_.push_back(reach_of(model, service));
        const ServiceReach group_reach = sorted(reaches_.back());
        GroupKey key{policy.role_of(service.name), policy.listens(service.name), group_reach.kind, group_reach.networks};
        auto [it, added] = index.try_emplace(key, groups_.size());
        if (added) {
            const std::string tier = key.role.tier.empty() ? "untiered" : key.role.tier;
            groups_.push_back({tier + "/" + std::to_string(++per_tier[tier]), key.role.tier, key.networks, {}});
            members_.emplace_back();
            roles_.push_back(key.role);
            group_reaches_.push_back(group_reach);
        }
        groups_[it->second].services.push_back(service.name);
        members_[it->second].push_back(&service);
        group_of_.push_back(it->second);
    }
}

ClassPorts PathClasses::selector(const std::optional<int>& port) const {
    if (!port) return {ClassPorts::Kind::any, 0};
    if (flow_ports_.count(*port)) return {ClassPorts::Kind::port, *port};
    return {ClassPorts::Kind::own, 0};
}

std::vector<std::pair<ClassPorts, std::optional<int>>> PathClasses::selectors_of(const StackService& target) const {
    std::vector<std::pair<ClassPorts, std::optional<int>>> out;
    for (const std::optional<int>& port : policy_.judged_ports(target.name)) {
        const ClassPorts ports = selector(port);
        const bool seen = std::any_of(out.begin(), out.end(), [&](const auto& s) { return s.first == ports; });
        if (!seen) out.emplace_back(ports, port);
    }
    return out;
}

std::size_t PathClasses::pairs(std::size_t from, std::size_t to, const ClassPorts& ports) const {
    const std::size_t sources = members_[from].size();
    if (ports.kind != ClassPorts::Kind::own) return sources * members_[to].size() - (from == to ? sources : 0);
    std::size_t out = 0;
    for (const StackService* target : members_[to]) {
        std::size_t own = 0;
        for (const std::optional<int>& port : policy_.judged_ports(target->name)) own += selector(port) == ports;
        out += own * (sources - (from == to ? 1 : 0));
    }
    return out;
}

std::vector<std::string> PathClasses::shared(std::size_t from, std::size_t to) const {
    return carrying_networks(group_reaches_[from], group_reaches_[to]);
}

bool PathClasses::carried(std::size_t from, std::size_t to) const { return !shared(from, to).empty(); }

bool PathClasses::same_tier(std::size_t from, std::size_t to) const {
    return contract_.policy.same_tier_allow && !groups_[from].tier.empty() && groups_[from].tier == groups_[to].tier &&
           wants_carried(Grant::Kind::same_tier, group_reaches_[from], group_reaches_[to]);
}

void PathClasses::add_carried(std::vector<PathClass>& out) const {
    for (std::size_t from = 0; from < groups_.size(); ++from) {
        const StackService& source = *members_[from].front();
        const Party party = policy_.party_of(source.name);
        for (std::size_t to = 0; to < groups_.size(); ++to) {
            std::vector<std::string> networks = shared(from, to);
            if (networks.empty() || (from == to && members_[to].size() < 2)) continue;
            const StackService& target = *members_[to][from == to ? 1 : 0];
            for (const auto& [ports, port] : selectors_of(target)) {
                const TopologyPath judged = judge_path(policy_, party, target.name, port, networks);
                out.push_back({from, to, ports, networks, judged.verdict, judged.grant, judged.flow, pairs(from, to, ports)});
            }
        }
    }
}

// Allowed flows between groups that share no network: the contract wants paths that the
// compose files do not give. The first flow that wants one is its reason.
void PathClasses::add_broken(std::vector<PathClass>& out) const {
    std::set<ClassKey> seen;
    for (std::size_t from = 0; from < groups_.size(); ++from) {
        for (std::size_t to = 0; to < groups_.size(); ++to) {
            if (!same_tier(from, to) || carried(from, to) || (from == to && members_[to].size() < 2)) continue;
            for (const auto& [ports, port] : selectors_of(*members_[to].front())) {
                if (!seen.emplace(from, to, ports).second) continue;
                out.push_back({from, to, ports, {}, PathVerdict::broken, Grant::Kind::same_tier, {}, pairs(from, to, ports)});
            }
        }
    }
    for (std::size_t f = 0; f < contract_.flows.size(); ++f) {
        const Flow& flow = contract_.flows[f];
        for (std::size_t from = 0; from < groups_.size(); ++from) {
            if (!roles_[from].opens[f]) continue;
            for (std::size_t to = 0; to < groups_.size(); ++to) {
                if (!roles_[to].accepts[f] || carried(from, to) || (from == to && members_[to].size() < 2)) continue;
                std::vector<ClassPorts> each;
                for (int port : flow.ports) each.push_back({ClassPorts::Kind::port, port});
                if (flow.ports.empty()) {
                    for (const auto& selected : selectors_of(*members_[to].front())) each.push_back(selected.first);
                }
                for (const ClassPorts& ports : each) {
                    if (!seen.emplace(from, to, ports).second) continue;
                    out.push_back({from, to, ports, {}, PathVerdict::broken, Grant::Kind::flow, flow.where, pairs(from, to, ports)});
                }
            }
        }
    }
}

std::vector<PathClass> PathClasses::classify() const {
    std::vector<PathClass> out;
    add_carried(out);
    add_broken(out);
    return out;
}

std::vector<TopologyPath> PathClasses::expand(const std::vector<PathClass>& classes) const {
    std::map<ClassKey, const PathClass*> carried_by, broken_by;
    for (const PathClass& c : classes) {
        (c.verdict == PathVerdict::broken ? broken_by : carried_by)[{c.from, c.to, c.ports}] = &c;
    }
    std::vector<TopologyPath> out;
    const auto& services = model_.services;
    for (std::size_t i = 0; i < services.size(); ++i) {
        throw_if_cancelled();
        if (!reaches_anything(reaches_[i])) continue;
        const Party party = policy_.party_of(services[i].name);
        for (std::size_t j = 0; j < services.size(); ++j) {
            if (i == j) continue;
            std::vector<std::string> networks = carrying_networks(reaches_[i], reaches_[j]);
            if (networks.empty()) continue;
            for (const std::optional<int>& port : policy_.judged_ports(services[j].name)) {
                const PathClass& c = *carried_by.at({group_of_[i], group_of_[j], selector(port)});
                TopologyPath path{services[i].name, services[j].name, port, networks, c.verdict, c.grant, c.flow, {}};
                if (c.verdict == PathVerdict::reverse || c.verdict == PathVerdict::forbidden)
                    path.reverse_of = policy_.reverse_of(party, services[j].name);
                out.push_back(std::move(path));
            }
        }
    }
    std::set<std::tuple<std::size_t, std::size_t, int>> seen;
    auto add_broken_pair = [&](std::size_t i, std::size_t j, const std::optional<int>& port) {
        if (!seen.emplace(i, j, port.value_or(0)).second) return;
        const PathClass& c = *broken_by.at({group_of_[i], group_of_[j], selector(port)});
        out.push_back({services[i].name, services[j].name, port, {}, c.verdict, c.grant, c.flow, {}});
    };
    for (std::size_t i = 0; i < services.size(); ++i) {
        throw_if_cancelled();
        for (std::size_t j = 0; j < services.size(); ++j) {
            if (i == j || !same_tier(group_of_[i], group_of_[j]) || carried(group_of_[i], group_of_[j])) continue;
            for (const std::optional<int>& port : policy_.judged_ports(services[j].name)) add_broken_pair(i, j, port);
        }
    }
    for (std::size_t f = 0; f < contract_.flows.size(); ++f) {
        const Flow& flow = contract_.flows[f];
        for (std::size_t i = 0; i < services.size(); ++i) {
            throw_if_cancelled();
            if (!roles_[group_of_[i]].opens[f]) continue;
            for (std::size_t j = 0; j < services.size(); ++j) {
                if (i == j || !roles_[group_of_[j]].accepts[f] || carried(group_of_[i], group_of_[j])) continue;
                std::vector<std::optional<int>> each(flow.ports.begin(), flow.ports.end());
                if (each.empty()) each = policy_.judged_ports(services[j].name);
                for (const std::optional<int>& port : each) add_broken_pair(i, j, port);
            }
        }
    }
    return out;
}

}  // namespace meshprobe
