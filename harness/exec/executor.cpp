#include "exec/executor.h"

#include <exception>
#include <mutex>
#include <thread>

#include "compose/child_process.h"
#include "core/errors.h"
#include "core/probe_limits.h"
#include "exec/left_behind.h"
#include "exec/probe_io.h"

namespace meshprobe {
namespace {

// The probe gets nothing beyond what a connect and a DNS query need: no capabilities, no
// writable filesystem, no way to gain privileges, never the Docker socket, and bounded memory
// and processes.
ContainerSpec agent_container(const Vantage& vantage, const ExecutorOptions& options) {
    ContainerSpec spec;
    spec.image = options.image;
    spec.cmd = {"serve", "--name", "meshprobe-agent"};  // no ports: it idles until removed
    spec.labels = {{kRunLabel, options.run_id}, {kRoleLabel, "probe"}, {kProjectLabel, options.project},
                   {"meshprobe.vantage", vantage.name}};
    spec.user = "65534:65534";
    spec.read_only = true;
    spec.cap_drop = {"ALL"};
    spec.security_opt = {"no-new-privileges"};
    spec.memory_bytes = kProbeMemoryBytes;
    spec.pids_limit = kProbePidsLimit;
    const ProbeAttachment at{vantage.kind == Vantage::Kind::service ? ProbeAttachment::Kind::service_namespace
                                                                    : ProbeAttachment::Kind::network,
                             vantage.attach};
    spec.network_mode = options.orchestrator ? options.orchestrator->attach_probe(at) : engine_network_mode(at);
    // A tier probe asks only about the stack's own names; lookups Docker's DNS cannot answer
    // go to the probe's own loopback instead of the host's resolvers.
    if (vantage.kind == Vantage::Kind::tier) spec.dns = {"127.0.0.1"};
    return spec;
}

// Runs fn(i) for every vantage on a thread of its own; rethrows the first failure.
void for_each_vantage(const Plan& plan, const std::function<void(std::size_t)>& fn) {
    std::mutex lock;
    std::exception_ptr failure;
    std::vector<std::thread> workers;
    for (std::size_t i = 0; i < plan.vantages.size(); ++i) {
        workers.emplace_back([&, i] {
            try {
                fn(i);
            } catch (...) {
                std::lock_guard guard(lock);
                if (!failure) failure = std::current_exception();
            }
        });
    }
    for (auto& worker : workers) worker.join();
    if (failure) std::rethrow_exception(failure);
}

std::string run_on_host(const std::string& plan, const ExecutorOptions& options, std::chrono::milliseconds limit) {
    ChildResult run = run_child(ChildRequest{options.probe_binary, {"run", plan}, limit, options.cancel, {}});
    if (!run.ok()) throw InfraError("the probe on the host failed: " + run.combined());
    return run.out;
}

std::string run_in(const std::string& container, const Vantage& vantage, const std::string& plan, Docker& docker,
                   std::chrono::milliseconds limit) {
    RunResult run = docker.exec(container, {"/probe", "run", plan}, limit);
    if (run.exit_code != 0) {
        throw InfraError("the probe at " + vantage.name + " exited with " + std::to_string(run.exit_code) + ": " +
                         run.logs.err);
    }
    return run.logs.out;
}

}  // namespace

Agents inject_probes(const Plan& plan, Docker& docker, const ExecutorOptions& options) {
    Agents agents;
    std::mutex lock;
    for_each_vantage(plan, [&](std::size_t i) {
        const Vantage& vantage = plan.vantages[i];
        if (vantage.kind == Vantage::Kind::service && options.exec_in_standins) {
            std::lock_guard guard(lock);
            agents[i] = vantage.attach;
            return;
        }
        if (vantage.kind == Vantage::Kind::host) return;  // the probe runs as a child process
        std::string id = docker.create_container(agent_container(vantage, options));
        left_behind::probes_created(1);
        docker.start_container(id);
        std::lock_guard guard(lock);
        agents[i] = id;
    });
    return agents;
}

Results execute(const Plan& plan, const Agents& agents, Docker& docker, const ExecutorOptions& options) {
    Results results;
    std::mutex lock;
    int done = 0;
    int total = static_cast<int>(plan.vantages.size());
    // Generous: a probe ends by its own deadline; this only guards against a stuck engine.
    auto limit = std::chrono::milliseconds(plan.timeout_ms * 3 + 30'000);
    for_each_vantage(plan, [&](std::size_t i) {
        const Vantage& vantage = plan.vantages[i];
        std::string json = plan_json(vantage, plan.timeout_ms);
        auto agent = agents.find(i);
        std::string output = agent == agents.end() ? run_on_host(json, options, limit)
                                                   : run_in(agent->second, vantage, json, docker, limit);
        auto parsed = parse_probe_output(output);
        std::lock_guard guard(lock);
        results[i] = std::move(parsed);
        if (options.progress) options.progress(++done, total);
    });
    return results;
}

}  // namespace meshprobe
