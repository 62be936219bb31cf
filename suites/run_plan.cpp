#include "suites/run_plan.h"

#include <arpa/inet.h>

#include <algorithm>

#include "contract/address_syntax.h"
#include "core/errors.h"

namespace meshprobe {

// Services in the order the contract lists them, which is the order of the design.
void order_like_contract(LiveStack& stack, const Contract& contract) {
    auto rank = [&](const LiveService& s) {
        for (std::size_t i = 0; i < contract.services.size(); ++i) {
            if (contract.services[i].name == s.name) return i;
        }
        return contract.services.size();
    };
    std::stable_sort(stack.services.begin(), stack.services.end(),
                     [&](const LiveService& a, const LiveService& b) { return rank(a) < rank(b); });
}

std::vector<EgressTarget> egress_targets(const Contract& contract, const std::vector<std::string>& extra) {
    std::vector<EgressTarget> out = contract.probe.egress_targets;
    for (const std::string& text : extra) {
        try {
            // On the command line a port is required: "host" alone is more often a slip than port 80.
            if (text.find(':') == std::string::npos) throw SyntaxError("give host:port, for example 198.51.100.7:443");
            EgressTarget target = parse_egress_target(text);
            // A bare word would be looked up through the host's resolvers, off this machine.
            in_addr ipv4{};
            if (::inet_pton(AF_INET, target.host.c_str(), &ipv4) != 1 && target.host.find('.') == std::string::npos) {
                throw SyntaxError("'" + target.host + "' is neither an IPv4 address nor a fully qualified name");
            }
            out.push_back(target);
        } catch (const SyntaxError& e) {
            throw InputError("--egress-target " + text + ": " + e.what());
        }
    }
    return out;
}

// What the stack suite requires: every service the compose files define, as many times as
// they ask; the contract's services the files lack are added by the suite itself.
// A contract service that only another environment's files define is judged there, as
// `check` judges it.
std::vector<ExpectedService> expected_services(const StackModel& model, const std::map<std::string, std::string>& elsewhere) {
    std::vector<ExpectedService> out;
    for (const StackService& s : model.services) out.push_back({s.name, s.replica_count(), s.network_mode, true, "", ""});
    for (const auto& [name, profile] : model.inactive) out.push_back({name, 0, "", true, profile, ""});
    for (const auto& [name, there] : elsewhere) out.push_back({name, 0, "", true, "", there});
    return out;
}

Plan make_plan(const SuiteContext& context, const std::vector<Suite>& suites) {
    Plan plan;
    plan.timeout_ms = context.contract.probe.timeout_ms;
    // Completeness comes before any verdict, whichever suites were asked for.
    plan_stack(context, plan);
    plan_self_controls(context, plan);
    for (Suite suite : suites) {
        switch (suite) {
            case Suite::stack: break;
            case Suite::dns: plan_dns(context, plan); break;
            case Suite::reach: plan_reach(context, plan); break;
            case Suite::isolation: plan_isolation(context, plan); break;
            case Suite::egress: plan_egress(context, plan); break;
            case Suite::ports: plan_ports(context, plan); break;
        }
    }
    return plan;
}

RoundResult judged_round(const Plan& plan, Docker& docker, Docker& janitor, ExecutorOptions exec, const Console& console,
                         AgentPool* kept) {
    ProbeRound round = probe_once(plan, docker, janitor, std::move(exec), console, kept);
    return {judge(plan, round.results), std::move(round.warnings)};
}

}  // namespace meshprobe
