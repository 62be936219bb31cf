#pragma once
#include <atomic>
#include <chrono>
#include <string>

#include "engine/docker_api.h"

namespace meshprobe {

// Waits until every container of the project runs and, where it has a health check, is
// healthy. InfraError naming the laggards when the limit passes or a container exits.
void wait_for_stack(Docker& docker, const std::string& project, std::chrono::seconds limit,
                    const std::atomic<bool>& cancel);

}  // namespace meshprobe
