#pragma once
#include <string>

namespace meshprobe {

// One meaning of "ready" for `run`'s stack check and `watch`'s health: the container runs and
// its health check, where it has one, has passed. A health check still `starting` is not yet
// ready: paths through it cannot be judged, as a mature orchestrator would not route to it.
inline bool container_ready(const std::string& state, const std::string& health) {
    return state == "running" && (health.empty() || health == "healthy");
}

}  // namespace meshprobe
