// isolation: a fresh probe attached only to one tier network tries every service port by IP,
// on every address the service has, so lateral movement is tested and not just name lookup.
#include "suites/suites.h"
#include "suites/vantages.h"

namespace meshprobe {

void plan_isolation(const SuiteContext& context, Plan& plan) {
    for (const Tier& tier : context.contract.tiers) {
        const LiveNetwork* network = context.stack.find_network(tier.network);
        if (network == nullptr) continue;
        std::size_t vantage = tier_vantage(plan, tier, *network);
        Party party = Party::of_tier(tier.name);
        for (const LiveService& to : context.stack.services) {
            if (!to.own_namespace()) continue;
            const LiveAddress* shared = to.on(tier.network);
            for (int port : context.policy.ports(to.name)) {
                // Off the tier's network nothing may answer, whatever flows say: those flows
                // are carried by other networks and proven by the reach suite.
                PathExpectation expectation = shared ? expect_path(context.policy, party, to.name, port)
                                                     : PathExpectation{Want::blocked, {}};
                PlannedCheck planned = path_check(Suite::isolation, Endpoint::tier(tier.name), to, port, expectation);
                planned.check.predicted = predicted(context.prediction.attached(to.name, tier.network));
                if (!shared) planned.check.expected += " (not attached to " + tier.network + ")";
                // Every address, IPv4 and IPv6; a reachable path on the tier's network only.
                std::vector<std::string> ips = expectation.want == Want::reachable ? shared->all() : to.ips();
                for (const std::string& ip : ips) {
                    std::string proof = port_key("ip", ip, port);
                    planned.tasks.push_back(plan.task(vantage, Task{{}, Task::Kind::tcp, ip, port, to.name, {proof}}));
                    planned.controls.push_back(proof);
                }
                plan.checks.push_back(std::move(planned));
            }
        }
    }
}

}  // namespace meshprobe
