// dns: every service name and alias resolves from the vantages that may reach its owner,
// only to the owner's addresses (a foreign answer is spoofing), and is NXDOMAIN elsewhere.
#include "suites/suites.h"
#include "suites/vantages.h"

namespace meshprobe {
namespace {

Want dns_want(const Reachability& policy, const Party& from, const std::string& owner, std::string& note) {
    if (policy.may_reach_any(from, owner)) return Want::resolves;
    std::string reverse = policy.reverse_of(from, owner);
    if (reverse.empty()) return Want::nxdomain;
    note = "reverse path of " + reverse;
    if (policy.reverse_allowed()) {
        note += " (reverse: allow)";
        return Want::either;
    }
    note += " (reverse: deny)";
    return Want::nxdomain;
}

}  // namespace

void plan_dns(const SuiteContext& context, Plan& plan) {
    for (const LiveService& from : context.stack.services) {
        // Without a network (network_mode: none) there is no resolver to ask; its reach checks
        // prove it reaches nothing.
        if (!from.own_namespace() || from.ips().empty()) continue;
        Party party = context.policy.party_of(from.name);
        for (const LiveService& owner : context.stack.services) {
            // A replicated name is one name: checked once, against every replica's addresses.
            // A service without an address has no name to resolve: its stack check says so.
            if (owner.name == from.name || !owner.own_namespace() || context.stack.ips_of(owner.name).empty() ||
                &owner != context.stack.find_service(owner.name)) {
                continue;
            }
            for (const std::string& name : names_of(context.contract, owner.name)) {
                PlannedCheck planned;
                planned.check.want = dns_want(context.policy, party, owner.name, planned.note);
                planned.check.suite = Suite::dns;
                planned.check.from = endpoint_of(from);
                planned.check.to = Endpoint::dns_name(name);
                planned.check.expected = planned.check.want == Want::resolves ? "resolves to " + owner.name + " only"
                                         : planned.check.want == Want::either ? "resolves to " + owner.name + " only, or NXDOMAIN"
                                                                        : std::string("NXDOMAIN");
                planned.owner = owner.name;
                planned.check.predicted = predicted(context.prediction.resolves(from.name, owner.name, name));
                planned.owner_ips = context.stack.ips_of(owner.name);
                std::string proof = "name:" + name;
                planned.tasks.push_back(
                    plan.task(service_vantage(plan, from), Task{{}, Task::Kind::dns, name, 0, owner.name, {proof}}));
                planned.controls.push_back(proof);
                plan.checks.push_back(std::move(planned));
            }
        }
    }
}

}  // namespace meshprobe
