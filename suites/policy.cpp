#include "suites/policy.h"

#include <algorithm>

namespace meshprobe {
namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return !name.empty() && std::find(names.begin(), names.end(), name) != names.end();
}

bool contains(const std::vector<int>& ports, int port) {
    return std::find(ports.begin(), ports.end(), port) != ports.end();
}

}  // namespace

std::map<std::string, std::vector<int>> declared_ports(const Contract& contract, const ComposeModel& model) {
    std::map<std::string, std::vector<int>> out;
    for (const ComposeService& service : model.services) {
        const ServiceSpec* spec = contract.find_service(service.name);
        out[service.name] = spec && !spec->ports.empty() ? spec->ports : service.served_ports();
    }
    return out;
}

Party Party::of_service(const Contract& contract, const std::string& name) {
    const ServiceSpec* spec = contract.find_service(name);
    return Party{name, spec ? spec->tier : std::string{}};
}

Reachability::Reachability(const Contract& contract, std::map<std::string, std::vector<int>> ports)
    : contract_(contract), ports_(std::move(ports)) {}

const std::vector<int>& Reachability::ports(const std::string& service) const {
    static const std::vector<int> none;
    auto it = ports_.find(service);
    return it == ports_.end() ? none : it->second;
}

bool Reachability::side_matches(const std::vector<std::string>& side, const Party& party) const {
    return contains(side, party.service) || contains(side, party.tier);
}

bool Reachability::flow_allows(const Flow& flow, const Party& from, const std::string& to, int port) const {
    if (!side_matches(flow.from, from)) return false;
    if (!side_matches(flow.to, Party::of_service(contract_, to))) return false;
    return flow.ports.empty() ? contains(ports(to), port) : contains(flow.ports, port);
}

bool Reachability::may_reach(const Party& from, const std::string& to, int port) const {
    if (from.service == to) return true;
    Party target = Party::of_service(contract_, to);
    if (contract_.policy.same_tier_allow && !from.tier.empty() && from.tier == target.tier) return true;
    return std::any_of(contract_.flows.begin(), contract_.flows.end(),
                       [&](const Flow& f) { return flow_allows(f, from, to, port); });
}

bool Reachability::may_reach_any(const Party& from, const std::string& to) const {
    if (from.service == to) return true;
    Party target = Party::of_service(contract_, to);
    if (contract_.policy.same_tier_allow && !from.tier.empty() && from.tier == target.tier) return true;
    for (const Flow& f : contract_.flows) {
        if (!side_matches(f.from, from) || !side_matches(f.to, target)) continue;
        if (f.ports.empty() ? !ports(to).empty() : true) return true;
    }
    return false;
}

std::string Reachability::reverse_of(const Party& from, const std::string& to) const {
    Party back = Party::of_service(contract_, to);
    auto reversed = [&](const std::string& member) -> std::string {
        if (member == to) return {};
        for (int port : ports(member)) {
            if (may_reach(back, member, port)) return to + " -> " + member + ":" + std::to_string(port);
        }
        return {};
    };
    if (!from.service.empty()) return reversed(from.service);
    // A tier probe stands for any member of its tier.
    for (const ServiceSpec& member : contract_.services) {
        if (member.tier != from.tier) continue;
        if (auto flow = reversed(member.name); !flow.empty()) return flow;
    }
    return {};
}

}  // namespace meshprobe
