#pragma once
#include <atomic>
#include <functional>
#include <map>
#include <string>

#include "engine/docker_api.h"
#include "orchestrator/orchestrator.h"
#include "probeplan/probe_plan.h"

namespace meshprobe {

struct ExecutorOptions {
    std::string image;         // the probe image
    std::string probe_binary;  // the same program, run directly for the host vantage
    std::string run_id;        // labels every probe container, for clean-up
    std::string project;       // labels them too: a later run finds what a dead one left
    // Stand-ins are the probe program already: a service vantage runs inside its stand-in
    // instead of in a container of its own that shares the namespace.
    bool exec_in_standins = false;
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(int done, int total)> progress;
    // How a probe joins the stack; null: the engine's own network modes (engine_network_mode).
    const Orchestrator* orchestrator = nullptr;
};

// Label keys on everything meshprobe creates in Docker.
inline constexpr const char* kRunLabel = "meshprobe.run";
inline constexpr const char* kRoleLabel = "meshprobe.role";
inline constexpr const char* kProjectLabel = "meshprobe.project";
inline constexpr const char* kStandinOfLabel = "meshprobe.standin-of";

// The container each vantage's plan runs in, by vantage index (the host has none).
using Agents = std::map<std::size_t, std::string>;

// Injects an idle probe container for every vantage that needs one, all at once: attached to
// its tier network only, or sharing a service's network namespace. Throws InfraError when a
// probe cannot be injected; what was started is left to remove_run_containers.
Agents inject_probes(const Plan& plan, Docker& docker, const ExecutorOptions& options);

// Runs every vantage's plan at once, in its agent (or on the host), and gathers the results.
// Bounded by about one probe timeout, whatever the number of checks. InfraError when a probe
// exits with an error or writes what the protocol does not allow; Cancelled after Ctrl-C.
Results execute(const Plan& plan, const Agents& agents, Docker& docker, const ExecutorOptions& options);

}  // namespace meshprobe
