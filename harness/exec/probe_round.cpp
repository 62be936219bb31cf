#include "exec/probe_round.h"

#include <unistd.h>

#include <exception>
#include <random>

#include <fmt/format.h>

#include "core/errors.h"
#include "engine/probe_image.h"
#include "exec/cleanup.h"
#include "exec/lan_host.h"
#include "exec/leftovers.h"
#include "exec/neighbours.h"
#include "reports/progress.h"

namespace meshprobe {

std::string new_run_id() {
    std::random_device random;
    return std::to_string(::getpid()) + "-" + std::to_string(random() % 1000000);
}

ProbeKit prepare_probes(Docker& docker, Docker& janitor, const Orchestrator& orchestrator, const std::string& run_id,
                        const std::string& kept, const std::string& argv0, const Console& console) {
    Leftovers left = remove_leftovers(janitor, orchestrator, run_id, kept);
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

ProbeRound probe_once(const Plan& plan, Docker& docker, Docker& janitor, ExecutorOptions exec, const Console& console,
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

    ProbeRound out;
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
    out.results = std::move(results);
    if (std::string warning = overflow_warning(overflows_before, neighbour_overflows()); !warning.empty()) {
        out.warnings.push_back(warning);
    }
    return out;
}

}  // namespace meshprobe
