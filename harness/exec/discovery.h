#pragma once
#include <map>
#include <string>

#include "engine/docker_api.h"
#include "live/stack.h"
#include "orchestrator/orchestrator.h"

namespace meshprobe {

// The stack's containers and networks, found by what the orchestrator marks them with
// (Orchestrator::containers, member, networks), and the external networks the declared stack
// joins. One-off containers (`compose run`) and meshprobe's own probes are not part of the
// stack. Any other running container on one of the stack's networks is: in `undeclared`, but
// on an external network, which is shared by design. InfraError when the engine does not answer.
LiveStack discover_stack(Docker& docker, const Orchestrator& orchestrator, const ExternalNetworks& external = {});

}  // namespace meshprobe
