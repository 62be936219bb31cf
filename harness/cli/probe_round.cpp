#include "cli/probe_round.h"

#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <exception>

#include <random>

#include <fmt/format.h>

#include "contract/address_syntax.h"
#include "core/errors.h"
#include "engine/probe_image.h"
#include "exec/cleanup.h"
#include "exec/lan_host.h"
#include "exec/leftovers.h"
#include "exec/neighbours.h"
#include "reports/progress.h"
#include "suites/suites.h"

namespace meshprobe {

std::string new_run_id() {
    std::random_device random;
    return std::to_string(::getpid()) + "-" + std::to_string(random() % 1000000);
}

ProbeKit prepare_probes(Docker& docker, Docker& janitor, const std::string& project, const std::string& run_id,
                        const std::string& kept, const std::string& argv0, const Console& console) {
    Leftovers left = remove_leftovers(janitor, project, run_id, kept);
    if (left.probes + left.standins + left.networks + left.folders > 0) {
        console.info("removed what an earlier meshprobe left behind: " + left.describe());
    }
    if (!left.failures.empty()) {
        throw InfraError("cannot remove what an earlier meshprobe left behind: " + left.failures.front());
    }
    if (const int hosts = remove_stale_lan_hosts(); hosts > 0) {
        console.info(fmt::format("removed {} outside host{} of dead runs (network namespace and veth)", hosts, hosts == 1 ? "" : "s"));
    }
    ProbeKit kit;
    kit.binary = find_probe_binary(argv0);
    kit.image = ensure_probe_image(docker, kit.binary);
    console.detail("probe image " + kit.image);
    return kit;
}

RoundResult probe_once(const Plan& plan, Docker& docker, Docker& janitor, ExecutorOptions exec, const Console& console,
                       AgentPool* kept) {
    struct ProbeSweep {  // the probes go whatever happens, Ctrl-C included; kept ones only then
        Docker& janitor;
        std::string run_id;
        const std::atomic<bool>* cancel;
        AgentPool* kept;
        int exceptions = std::uncaught_exceptions();
        ~ProbeSweep() {
            const bool cancelled = cancel && *cancel;
            if (kept && !cancelled && std::uncaught_exceptions() == exceptions) return;
            if (kept) kept->clear();
            if (cancelled) {
                remove_run_containers_until_quiet(janitor, run_id);
            } else {
                remove_run_containers(janitor, run_id);
            }
        }
    } sweep{janitor, exec.run_id, exec.cancel, kept};

    RoundResult out;
    if (std::string warning = neighbour_warning(neighbours_needed(plan), read_neighbour_limits()); !warning.empty()) {
        console.info("warning: " + warning);
        out.warnings.push_back(warning);
    }
    const long overflows_before = neighbour_overflows();

    Progress progress(progress_wanted(STDERR_FILENO, console.quiet()), std::cerr);
    progress.phase("injecting probes");
    Stopwatch injecting;
    const int injections = kept ? kept->injections() : 0;
    Agents agents = kept ? kept->agents_for(plan, docker, exec) : inject_probes(plan, docker, exec);
    if (!kept || kept->injections() > injections) {
        console.detail(fmt::format("injected {} probes in {:.2f} s", agents.size(), injecting.seconds()));
    }
    progress.phase("probing");
    exec.progress = [&](int done, int total) { progress.step(done, total); };
    Stopwatch probing;
    Results results = execute(plan, agents, docker, exec);
    progress.done();
    console.detail(fmt::format("probe phase: {} checks from {} vantages in {:.2f} s", plan.checks.size(),
                               plan.vantages.size(), probing.seconds()));
    out.checks = judge(plan, results);
    if (std::string warning = overflow_warning(overflows_before, neighbour_overflows()); !warning.empty()) {
        out.warnings.push_back(warning);
    }
    return out;
}

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
std::vector<ExpectedService> expected_services(const ComposeModel& model, const std::map<std::string, std::string>& elsewhere) {
    std::vector<ExpectedService> out;
    for (const ComposeService& s : model.services) out.push_back({s.name, s.replica_count(), s.network_mode, true, "", ""});
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

}  // namespace meshprobe
