#pragma once
#include <map>
#include <string>

#include "engine/docker_api.h"
#include "plan/stack.h"

namespace meshprobe {

// The stack's containers and networks, found by the labels compose (v1 and v2) puts on them.
// One-off containers (`compose run`) and meshprobe's own probes are not part of the stack.
// Any other running container on one of the stack's networks is: in `undeclared`.
// `external`: networks the compose files name that compose does not label as the project's
// (`external: true`), engine name -> compose key; they are the stack's too, so a tier on one is
// checked like any other.
LiveStack discover_stack(Docker& docker, const std::string& project,
                         const std::map<std::string, std::string>& external = {});

}  // namespace meshprobe
