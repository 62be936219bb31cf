// MESH004: a flow the contract allows needs a network both services are attached to.
#include <set>

#include "rules/rules.h"

namespace meshprobe {
namespace {

// The compose services a flow side names: services by name, tiers by their members.
std::vector<const ComposeService*> side_services(const RuleInput& input, const std::vector<std::string>& side) {
    std::vector<const ComposeService*> out;
    for (const ComposeService& service : input.model.services) {
        const ServiceSpec* spec = input.contract.find_service(service.name);
        for (const std::string& name : side) {
            if (name == service.name || (spec && spec->tier == name)) {
                out.push_back(&service);
                break;
            }
        }
    }
    return out;
}

bool share_a_network(const ComposeService& a, const ComposeService& b) {
    for (const NetworkAttachment& attachment : a.networks) {
        if (b.attachment(attachment.network)) return true;
    }
    return false;
}

}  // namespace

void check_flows(const RuleInput& input, Findings& out) {
    // A pair named by several flows (the contract and a metadata dependency) is reported once.
    std::set<std::pair<std::string, std::string>> reported;
    for (const Flow& flow : input.contract.flows) {
        for (const ComposeService* from : side_services(input, flow.from)) {
            for (const ComposeService* to : side_services(input, flow.to)) {
                if (from == to || !from->network_mode.empty() || !to->network_mode.empty()) continue;
                if (share_a_network(*from, *to) || !reported.insert({from->name, to->name}).second) continue;
                Finding& finding = out.add(
                    "MESH004", from->name, from->where,
                    "the contract lets " + from->name + " reach " + to->name + " (flow at " + flow.where.str() +
                        "), but no network carries it: they share none",
                    "attach " + from->name + " to a network " + to->name + " is on (usually " + to->name +
                        "'s tier network), or remove the flow");
                finding.contract_where = flow.where;
            }
        }
    }
}

}  // namespace meshprobe
