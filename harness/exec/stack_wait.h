#pragma once
#include <atomic>
#include <chrono>
#include <string>

#include "engine/docker_api.h"
#include "orchestrator/orchestrator.h"

namespace meshprobe {

// Orchestrator::wait_until_ready for an orchestrator whose stack is containers of this engine.
// Waits until every container of the stack runs and, where it has a health check, is
// healthy. Returns what is not ready when the limit passes or a container exits or turns
// unhealthy (empty when all are ready): the stack suite then fails those services by name.
// Cancelled when `cancel` is set; the engine's errors as Docker's calls throw them.
std::string wait_for_stack(Docker& docker, const Orchestrator& orchestrator, std::chrono::seconds limit,
                           const std::atomic<bool>& cancel);

}  // namespace meshprobe
