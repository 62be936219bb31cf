#include "policy/reachability.h"

#include <algorithm>
#include <string_view>

namespace meshprobe {
namespace {

bool contains(const std::vector<int>& ports, int port) {
    return std::find(ports.begin(), ports.end(), port) != ports.end();
}

}  // namespace

std::map<std::string, std::vector<int>> declared_ports(const Contract& contract, const StackModel& model) {
    // The contract's own index when it has one (the loader's), else one made here: the first
    // entry of a name counts, as Contract::find_service finds it.
    std::unordered_map<std::string_view, const ServiceSpec*> own;
    const bool indexed = contract.indexed_services == contract.services.size() && contract.indexed_services > 0;
    if (!indexed) {
        own.reserve(contract.services.size());
        for (const ServiceSpec& spec : contract.services) own.emplace(spec.name, &spec);
    }
    auto spec_of = [&](const std::string& name) -> const ServiceSpec* {
        if (indexed) return contract.find_service(name);
        auto it = own.find(name);
        return it == own.end() ? nullptr : it->second;
    };
    std::map<std::string, std::vector<int>> out;
    for (const StackService& service : model.services) {
        const ServiceSpec* spec = spec_of(service.name);
        const bool given = spec && (!spec->ports.empty() || !spec->listens);
        out[service.name] = given ? spec->ports : service.served_ports();
    }
    return out;
}

Party Party::of_service(const Contract& contract, const std::string& name) {
    const ServiceSpec* spec = contract.find_service(name);
    return Party{name, spec ? spec->tier : std::string{}};
}

Reachability::Reachability(const Contract& contract, std::map<std::string, std::vector<int>> ports)
    : contract_(contract) {
    for (const Flow& flow : contract.flows) {
        flows_.push_back({IndexedSide(flow.from), IndexedSide(flow.to), flow.ports});
        flow_ports_.insert(flow.ports.begin(), flow.ports.end());
    }
    known_.reserve(contract.services.size() + ports.size());
    // The first entry of a name gives its tier, as Contract::find_service finds it.
    for (const ServiceSpec& spec : contract.services) {
        auto [it, added] = known_.try_emplace(spec.name);
        if (added) it->second.tier = spec.tier;
        if (!spec.listens) it->second.listens = false;
    }
    for (auto& [name, served] : ports) known_[name].ports = std::move(served);
    for (const IndexedFlow& flow : flows_) {
        for (const IndexedSide* side : {&flow.from, &flow.to}) {
            for (const std::string& name : side->services) known_.try_emplace(name);
        }
    }
    for (auto& [name, entry] : known_) entry.role = compute_role(Party{name, entry.tier}, entry.ports);
    nobody_ = compute_role(Party{}, {});
}

const Reachability::Known* Reachability::known(const std::string& service) const {
    auto it = known_.find(service);
    return it == known_.end() ? nullptr : &it->second;
}

bool Reachability::listens(const std::string& service) const {
    const Known* entry = known(service);
    return !entry || entry->listens;
}

std::vector<std::optional<int>> Reachability::judged_ports(const std::string& service) const {
    const Known* entry = known(service);
    if (!entry) return {std::nullopt};
    std::vector<std::optional<int>> out(entry->ports.begin(), entry->ports.end());
    if (out.empty() && entry->listens) out.push_back(std::nullopt);
    return out;
}

const std::vector<int>& Reachability::ports(const std::string& service) const {
    static const std::vector<int> none;
    const Known* entry = known(service);
    return entry ? entry->ports : none;
}

Party Reachability::party_of(const std::string& service) const {
    const Known* entry = known(service);
    return Party{service, entry ? entry->tier : std::string{}};
}

const PolicyRole& Reachability::role_of(const std::string& service) const {
    const Known* entry = known(service);
    return entry ? entry->role : nobody_;
}

PolicyRole Reachability::compute_role(const Party& party, const std::vector<int>& ports) const {
    PolicyRole role;
    role.tier = party.tier;
    for (const IndexedFlow& flow : flows_) {
        role.opens.push_back(side_matches(flow.from, party));
        role.accepts.push_back(side_matches(flow.to, party));
    }
    for (int port : ports) {
        if (flow_ports_.count(port)) {
            role.flow_ports.push_back(port);
        } else {
            role.other_ports = true;
        }
    }
    std::sort(role.flow_ports.begin(), role.flow_ports.end());
    role.flow_ports.erase(std::unique(role.flow_ports.begin(), role.flow_ports.end()), role.flow_ports.end());
    return role;
}

Reachability::IndexedSide::IndexedSide(const std::vector<FlowSide>& side) {
    for (const FlowSide& name : side) (name.kind == FlowSide::Kind::tier ? tiers : services).insert(name.name);
}

bool Reachability::side_matches(const IndexedSide& side, const Party& party) {
    return (!party.service.empty() && side.services.count(party.service)) ||
           (!party.tier.empty() && side.tiers.count(party.tier));
}

Reachability::Resolved Reachability::resolve(const Party& party) const {
    const Known* entry = party.service.empty() ? nullptr : known(party.service);
    return {party, entry && entry->tier == party.tier ? entry : nullptr};
}

bool Reachability::on_side(std::size_t flow, bool from_side, const Resolved& party) const {
    if (party.known) return from_side ? party.known->role.opens[flow] : party.known->role.accepts[flow];
    return side_matches(from_side ? flows_[flow].from : flows_[flow].to, party.party);
}

bool Reachability::flow_allows(std::size_t flow, const Resolved& from, const Resolved& to, int port) const {
    if (!on_side(flow, true, from) || !on_side(flow, false, to)) return false;
    const std::vector<int>& flow_ports = flows_[flow].ports;
    if (!flow_ports.empty()) return contains(flow_ports, port);
    return contains(to.known ? to.known->ports : ports(to.party.service), port);
}

bool Reachability::flow_allows_every_port(std::size_t flow, const Resolved& from, const Resolved& to) const {
    return flows_[flow].ports.empty() && on_side(flow, true, from) && on_side(flow, false, to);
}

bool Reachability::same_tier(const Party& from, const Party& to) const {
    return contract_.policy.same_tier_allow && !from.tier.empty() && from.tier == to.tier;
}

template <typename Allows>
Grant Reachability::grant_where(const Party& from, const std::string& to, Allows allows) const {
    if (from.service == to) return {Grant::Kind::self, nullptr};
    const Known* entry = known(to);
    const Party target{to, entry ? entry->tier : std::string{}};
    if (same_tier(from, target)) return {Grant::Kind::same_tier, nullptr};
    const Resolved source = resolve(from);
    const Resolved resolved_target{target, entry};
    for (std::size_t i = 0; i < flows_.size(); ++i) {
        if (allows(i, source, resolved_target)) return {Grant::Kind::flow, &contract_.flows[i]};
    }
    return {};
}

bool Reachability::may_reach(const Party& from, const std::string& to, int port) const {
    return static_cast<bool>(grant(from, to, port));
}

Grant Reachability::grant(const Party& from, const std::string& to, int port) const {
    return grant_where(from, to, [&](std::size_t flow, const Resolved& source, const Resolved& target) {
        return flow_allows(flow, source, target, port);
    });
}

Grant Reachability::grant_every_port(const Party& from, const std::string& to) const {
    return grant_where(from, to, [&](std::size_t flow, const Resolved& source, const Resolved& target) {
        return flow_allows_every_port(flow, source, target);
    });
}

Grant Reachability::flow_grant(const Party& from, const std::string& to, std::optional<int> port) const {
    const Party target = party_of(to);
    const Resolved source = resolve(from);
    const Resolved resolved_target = resolve(target);
    for (std::size_t i = 0; i < flows_.size(); ++i) {
        const bool allows = port ? flow_allows(i, source, resolved_target, *port)
                                 : flow_allows_every_port(i, source, resolved_target);
        if (allows) return {Grant::Kind::flow, &contract_.flows[i]};
    }
    return {};
}

bool Reachability::may_reach_any(const Party& from, const std::string& to) const {
    if (from.service == to) return true;
    Party target = party_of(to);
    if (same_tier(from, target)) return true;
    return std::any_of(flows_.begin(), flows_.end(), [&](const IndexedFlow& f) {
        return side_matches(f.from, from) && side_matches(f.to, target) && (!f.ports.empty() || !ports(to).empty());
    });
}

std::string Reachability::reverse_of(const Party& from, const std::string& to) const {
    Party back = party_of(to);
    auto reversed = [&](const std::string& member) -> std::string {
        if (member == to) return {};
        for (int port : ports(member)) {
            if (may_reach(back, member, port)) {
                std::string flow;
                flow.reserve(to.size() + member.size() + 10);
                flow.append(to).append(" -> ").append(member).append(":").append(std::to_string(port));
                return flow;
            }
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
