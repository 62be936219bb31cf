// MESH004: a flow the contract allows needs a network both services are attached to.
#include <algorithm>
#include <map>
#include <set>
#include <iterator>
#include <unordered_map>

#include <fmt/format.h>

#include "rules/rules.h"

namespace meshprobe {
namespace {

// The compose services a flow side names: services by name, tiers by their members.
std::vector<const StackService*> side_services(const RuleInput& input, const std::vector<FlowSide>& side) {
    std::vector<const StackService*> out;
    for (const StackService& service : input.model.services) {
        const ServiceSpec* spec = input.spec_of(service.name);
        const std::string tier = spec ? spec->tier : std::string{};
        if (std::any_of(side.begin(), side.end(), [&](const FlowSide& name) { return name.takes_in(service.name, tier); }))
            out.push_back(&service);
    }
    return out;
}

// The targets one client is allowed (and so wanted) to reach but that no network carries it
// to, and why the contract wants each.
struct Unreached {
    std::vector<std::string> targets;
    std::vector<std::string> flows;  // where the flows that want them are
    std::vector<std::string> tiers;  // the tier, when `same_tier: allow` wants them
    SourceLocation contract_where;   // of the first reason

    std::string why() const {
        std::vector<std::string> parts;
        if (!flows.empty()) parts.push_back(fmt::format("{} at {}", flows.size() == 1 ? "flow" : "flows", fmt::join(flows, ", ")));
        for (const std::string& tier : tiers) parts.push_back("same tier " + tier + ", policy same_tier: allow");
        return fmt::format("{}", fmt::join(parts, "; "));
    }
};

}  // namespace

// The model's broken classes, listed per client: the only pairs check expands are these.
void check_flows(const RuleInput& input, Findings& out) {
    const Topology& topology = input.topology;
    std::map<std::size_t, Unreached> by_client;  // by the client's place in the model
    std::unordered_map<std::string, std::size_t> place;
    for (std::size_t i = 0; i < input.model.services.size(); ++i) place.emplace(input.model.services[i].name, i);
    std::set<std::pair<std::string, std::string>> seen;
    for (const PathClass& c : topology.classes) {
        if (c.verdict != PathVerdict::broken) continue;
        const ServiceGroup& from = topology.groups[c.from];
        const bool by_flow = c.grant == Grant::Kind::flow;
        const std::string reason = by_flow ? c.flow.str() : from.tier;
        SourceLocation where = c.flow;
        if (c.grant == Grant::Kind::same_tier) {
            if (const Tier* tier = input.contract.find_tier(from.tier)) where = tier->where;
        }
        for (const std::string& client : from.services) {
            for (const std::string& target : topology.groups[c.to].services) {
                if (client == target || !seen.emplace(client, target).second) continue;
                Unreached& unreached = by_client[place.at(client)];
                unreached.targets.push_back(target);
                if (unreached.flows.empty() && unreached.tiers.empty()) unreached.contract_where = where;
                std::vector<std::string>& reasons = by_flow ? unreached.flows : unreached.tiers;
                if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) reasons.push_back(reason);
            }
        }
    }
    for (auto& [index, unreached] : by_client) {
        const StackService& client = input.model.services[index];
        const bool one = unreached.targets.size() == 1;
        auto has_none = [&](const std::string& name) {
            return input.reach(*input.service(name)).kind == ServiceReach::Kind::none;
        };
        const std::string why = has_none(client.name)                   ? client.name + " has network_mode: none"
                                : one && has_none(unreached.targets.front()) ? unreached.targets.front() + " has network_mode: none"
                                : one                                        ? std::string("they share none")
                                                                             : std::string("it shares none with any of them");
        Finding& finding = out.add(
            "MESH004", client.name, client.where,
            fmt::format("the contract lets {} reach {} ({}), but no network carries it: {}", client.name,
                        fmt::join(unreached.targets, ", "), unreached.why(), why),
            one ? fmt::format("attach {} to a network {} is on (usually its tier network), or remove the flow",
                              client.name, unreached.targets.front())
                : fmt::format("attach {} to the networks of these services (usually their tier networks), or "
                              "remove the flows", client.name));
        finding.contract_where = unreached.contract_where;
    }
}

// MESH017: a flow on a port that none of its targets serves opens nothing that is there, and
// usually means the port of another service was meant. A target with no known port is left
// alone: Docker opens every port, and the flow may be what declares it.
void check_flow_ports(const RuleInput& input, Findings& out) {
    for (const Flow& flow : input.contract.flows) {
        if (flow.ports.empty()) continue;
        const std::vector<const StackService*> targets = side_services(input, flow.to);
        std::set<int> served;
        std::vector<std::string> names;
        bool some_port_unknown = targets.empty();
        for (const StackService* target : targets) {
            const std::vector<int>& ports = input.policy.ports(target->name);
            if (ports.empty()) some_port_unknown = true;
            served.insert(ports.begin(), ports.end());
            names.push_back(target->name);
        }
        if (some_port_unknown) continue;
        for (int port : flow.ports) {
            if (served.count(port)) continue;
            const bool one = targets.size() == 1;
            out.add("MESH017", one ? names.front() : std::string{}, flow.where,
                    fmt::format("a flow allows port {}, which {} {} not serve ({} {})", port, fmt::join(names, ", "),
                                one ? "does" : "do", one ? "it serves" : "they serve", fmt::join(served, ", ")),
                    fmt::format("use the port the target listens on, or add {} to its ports: in the contract", port));
        }
    }
}

}  // namespace meshprobe
