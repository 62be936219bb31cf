#pragma once
#include <string>

#include "engine/docker_api.h"
#include "plan/stack.h"

namespace meshprobe {

// The stack's containers and networks, found by the labels compose (v1 and v2) puts on them.
// One-off containers (`compose run`) and meshprobe's own probes are not part of the stack.
// Any other running container on one of the stack's networks is: in `undeclared`.
LiveStack discover_stack(Docker& docker, const std::string& project);

}  // namespace meshprobe
