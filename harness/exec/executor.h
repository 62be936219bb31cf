#pragma once
#include <atomic>
#include <functional>
#include <string>

#include "engine/docker_api.h"
#include "suites/plan.h"

namespace meshprobe {

struct ExecutorOptions {
    std::string image;         // the probe image
    std::string probe_binary;  // the same program, run directly for the host vantage
    std::string run_id;        // labels every probe container, for clean-up
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(int done, int total)> progress;
};

// Label keys on everything meshprobe creates in Docker.
inline constexpr const char* kRunLabel = "meshprobe.run";
inline constexpr const char* kRoleLabel = "meshprobe.role";

// Runs every vantage of the plan at once: a probe container per tier network and per service
// namespace, and the probe program itself for the host. Throws InfraError when a probe
// cannot be injected.
Results execute(const Plan& plan, Docker& docker, const ExecutorOptions& options);

}  // namespace meshprobe
