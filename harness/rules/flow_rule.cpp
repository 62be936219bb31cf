// MESH004: a flow the contract allows needs a network both services are attached to.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "rules/rules.h"

namespace meshprobe {
namespace {

// The compose services a flow side names: services by name, tiers by their members.
std::vector<const ComposeService*> side_services(const RuleInput& input, const std::vector<std::string>& side) {
    std::vector<const ComposeService*> out;
    for (const ComposeService& service : input.model.services) {
        const ServiceSpec* spec = input.spec_of(service.name);
        for (const std::string& name : side) {
            if (name == service.name || (spec && spec->tier == name)) {
                out.push_back(&service);
                break;
            }
        }
    }
    return out;
}

// Each service's networks as sorted numbers: a flow side can hold a thousand services, and
// every pair of sides is asked whether it shares one.
class NetworkSets {
public:
    explicit NetworkSets(const ComposeModel& model) {
        std::map<std::string, int> ids;
        for (const ComposeService& service : model.services) {
            std::vector<int>& mine = sets_[&service];
            for (const NetworkAttachment& attachment : service.networks)
                mine.push_back(ids.emplace(attachment.network, static_cast<int>(ids.size())).first->second);
            std::sort(mine.begin(), mine.end());
        }
    }

    bool share_a_network(const ComposeService* a, const ComposeService* b) const {
        const std::vector<int>& x = sets_.at(a);
        const std::vector<int>& y = sets_.at(b);
        for (auto i = x.begin(), j = y.begin(); i != x.end() && j != y.end();) {
            if (*i == *j) return true;
            *i < *j ? ++i : ++j;
        }
        return false;
    }

private:
    std::unordered_map<const ComposeService*, std::vector<int>> sets_;
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
        for (const ComposeService* from : side_services(input, flow.from)) {
            for (const ComposeService* to : targets) {
                if (from == to || !from->network_mode.empty() || !to->network_mode.empty()) continue;
                if (networks.share_a_network(from, to) || !seen.insert({from, to}).second) continue;
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

}  // namespace meshprobe
