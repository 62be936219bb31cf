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
std::vector<const ComposeService*> side_services(const RuleInput& input, const std::vector<FlowSide>& side) {
    std::vector<const ComposeService*> out;
    for (const ComposeService& service : input.model.services) {
        const ServiceSpec* spec = input.spec_of(service.name);
        const std::string tier = spec ? spec->tier : std::string{};
        if (std::any_of(side.begin(), side.end(), [&](const FlowSide& name) { return name.takes_in(service.name, tier); }))
            out.push_back(&service);
    }
    return out;
}

// Services attached to the same networks share a number; whether two numbers share a network is
// worked out once. A flow between tiers of a thousand services each is a million pairs, and
// nearly all of them share a network.
class NetworkSets {
public:
    explicit NetworkSets(const ComposeModel& model) {
        std::map<std::string, int> network_ids;
        std::map<std::vector<int>, int> set_ids;
        for (const ComposeService& service : model.services) {
            std::vector<int> networks;
            for (const NetworkAttachment& attachment : service.networks)
                networks.push_back(network_ids.emplace(attachment.network, static_cast<int>(network_ids.size())).first->second);
            std::sort(networks.begin(), networks.end());
            auto [it, added] = set_ids.emplace(networks, static_cast<int>(sets_.size()));
            if (added) sets_.push_back(networks);
            set_of_[&service] = it->second;
        }
    }

    int of(const ComposeService* service) const { return set_of_.at(service); }

    bool share_a_network(int a, int b) {
        auto key = std::minmax(a, b);
        auto known = shared_.find(key);
        if (known != shared_.end()) return known->second;
        const std::vector<int>& x = sets_[static_cast<std::size_t>(a)];
        const std::vector<int>& y = sets_[static_cast<std::size_t>(b)];
        std::vector<int> common;
        std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(common));
        return shared_[key] = !common.empty();
    }

private:
    std::vector<std::vector<int>> sets_;
    std::unordered_map<const ComposeService*, int> set_of_;
    std::map<std::pair<int, int>, bool> shared_;
};

// The targets one client may reach but shares no network with, and the flows that allow them.
struct Unreached {
    std::vector<std::string> targets;
    std::vector<const Flow*> flows;
};

}  // namespace

void check_flows(const RuleInput& input, Findings& out) {
    std::map<const ComposeService*, Unreached> by_client;
    std::set<std::pair<const ComposeService*, const ComposeService*>> seen;
    NetworkSets networks(input.model);
    for (const Flow& flow : input.contract.flows) {
        const std::vector<const ComposeService*> targets = side_services(input, flow.to);
        std::set<int> target_sets;
        for (const ComposeService* to : targets) target_sets.insert(networks.of(to));
        for (const ComposeService* from : side_services(input, flow.from)) {
            const int mine = networks.of(from);
            bool all_shared = std::all_of(target_sets.begin(), target_sets.end(),
                                          [&](int theirs) { return networks.share_a_network(mine, theirs); });
            if (all_shared || !from->mode().on_networks()) continue;
            for (const ComposeService* to : targets) {
                if (from == to || !to->mode().on_networks()) continue;
                if (networks.share_a_network(mine, networks.of(to)) || !seen.insert({from, to}).second) continue;
                Unreached& unreached = by_client[from];
                unreached.targets.push_back(to->name);
                if (unreached.flows.empty() || unreached.flows.back() != &flow) unreached.flows.push_back(&flow);
            }
        }
    }
    for (const auto& [client, unreached] : by_client) {
        std::vector<std::string> where;
        for (const Flow* flow : unreached.flows) where.push_back(flow->where.str());
        const bool one = unreached.targets.size() == 1;
        Finding& finding = out.add(
            "MESH004", client->name, client->where,
            fmt::format("the contract lets {} reach {} ({} at {}), but no network carries it: {}", client->name,
                        fmt::join(unreached.targets, ", "), unreached.flows.size() == 1 ? "flow" : "flows",
                        fmt::join(where, ", "), one ? "they share none" : "it shares none with any of them"),
            one ? fmt::format("attach {} to a network {} is on (usually its tier network), or remove the flow",
                              client->name, unreached.targets.front())
                : fmt::format("attach {} to the networks of these services (usually their tier networks), or "
                              "remove the flows", client->name));
        finding.contract_where = unreached.flows.front()->where;
    }
}

// MESH017: a flow on a port that none of its targets serves opens nothing that is there, and
// usually means the port of another service was meant. A target with no known port is left
// alone: Docker opens every port, and the flow may be what declares it.
void check_flow_ports(const RuleInput& input, Findings& out) {
    for (const Flow& flow : input.contract.flows) {
        if (flow.ports.empty()) continue;
        const std::vector<const ComposeService*> targets = side_services(input, flow.to);
        std::set<int> served;
        std::vector<std::string> names;
        bool some_port_unknown = targets.empty();
        for (const ComposeService* target : targets) {
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
