#include "exec/stack_wait.h"

#include <thread>

#include "core/cancelled.h"
#include "core/readiness.h"
#include "exec/executor.h"

namespace meshprobe {

std::string wait_for_stack(Docker& docker, const Orchestrator& orchestrator, std::chrono::seconds limit,
                           const std::atomic<bool>& cancel) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (true) {
        if (cancel) throw Cancelled();
        std::string waiting;
        std::string broken;
        for (const ContainerInfo& c : orchestrator.containers(docker, true)) {
            if (c.labels.count(kRoleLabel) && c.labels.at(kRoleLabel) == "probe") continue;
            if (c.state == "exited" || c.state == "dead" || c.health == "unhealthy") {
                broken += (broken.empty() ? "" : ", ") + c.name + " is " + (c.health == "unhealthy" ? "unhealthy" : c.state) +
                          " (docker logs " + c.name + " tells why)";
            }
            bool ready = container_ready(c.state, c.health);
            if (!ready) waiting += (waiting.empty() ? "" : ", ") + c.name + " (" + c.state + (c.health.empty() ? "" : "/" + c.health) + ")";
        }
        // A container that stopped or failed its health check will not recover by waiting.
        if (!broken.empty()) return broken;
        if (waiting.empty()) return {};
        if (std::chrono::steady_clock::now() > deadline) {
            return "not ready within " + std::to_string(limit.count()) + " s: " + waiting;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
}

}  // namespace meshprobe
