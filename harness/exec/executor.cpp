#include "exec/executor.h"

#include <exception>
#include <mutex>
#include <thread>

#include "compose/child_process.h"
#include "core/errors.h"
#include "exec/probe_io.h"

namespace meshprobe {
namespace {

// The probe gets nothing beyond what a connect and a DNS query need: no capabilities, no
// writable filesystem, no way to gain privileges, and never the Docker socket.
ContainerSpec probe_container(const Vantage& vantage, const std::string& plan, const ExecutorOptions& options) {
    ContainerSpec spec;
    spec.image = options.image;
    spec.cmd = {"run", plan};
    spec.labels = {{kRunLabel, options.run_id}, {kRoleLabel, "probe"}, {"meshprobe.vantage", vantage.name}};
    spec.user = "65534:65534";
    spec.read_only = true;
    spec.cap_drop = {"ALL"};
    spec.security_opt = {"no-new-privileges"};
    spec.network_mode = vantage.kind == Vantage::Kind::service ? "container:" + vantage.attach : vantage.attach;
    return spec;
}

std::string run_in_container(const Vantage& vantage, const std::string& plan, Docker& docker,
                             const ExecutorOptions& options, std::chrono::milliseconds limit) {
    RunResult run = docker.run_container(probe_container(vantage, plan, options), limit);
    if (run.exit_code != 0) {
        throw InfraError("the probe at " + vantage.name + " exited with " + std::to_string(run.exit_code) + ": " +
                         run.logs.err);
    }
    return run.logs.out;
}

std::string run_on_host(const std::string& plan, const ExecutorOptions& options, std::chrono::milliseconds limit) {
    ChildResult run = run_child(ChildRequest{options.probe_binary, {"run", plan}, limit, options.cancel});
    if (!run.ok()) throw InfraError("the probe on the host failed: " + run.combined());
    return run.out;
}

}  // namespace

Results execute(const Plan& plan, Docker& docker, const ExecutorOptions& options) {
    Results results;
    std::mutex lock;
    std::exception_ptr failure;
    int done = 0;
    int total = static_cast<int>(plan.vantages.size());
    // Generous: a probe ends by its own deadline; this only guards against a stuck engine.
    auto limit = std::chrono::milliseconds(plan.timeout_ms * 3 + 30'000);

    std::vector<std::thread> workers;
    for (std::size_t i = 0; i < plan.vantages.size(); ++i) {
        workers.emplace_back([&, i] {
            const Vantage& vantage = plan.vantages[i];
            try {
                std::string json = plan_json(vantage, plan.timeout_ms);
                std::string output = vantage.kind == Vantage::Kind::host
                                         ? run_on_host(json, options, limit)
                                         : run_in_container(vantage, json, docker, options, limit);
                auto parsed = parse_probe_output(output);
                std::lock_guard guard(lock);
                results[i] = std::move(parsed);
                ++done;
                if (options.progress) options.progress(done, total);
            } catch (...) {
                std::lock_guard guard(lock);
                if (!failure) failure = std::current_exception();
            }
        });
    }
    for (auto& worker : workers) worker.join();
    if (failure) std::rethrow_exception(failure);
    return results;
}

}  // namespace meshprobe
