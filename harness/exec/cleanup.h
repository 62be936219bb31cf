#pragma once
#include <string>

#include "engine/docker_api.h"

namespace meshprobe {

// Removes every container labelled with this run's id; returns how many it removed.
// Never throws: it runs on the way out, after errors and Ctrl-C too.
int remove_run_containers(Docker& docker, const std::string& run_id);

}  // namespace meshprobe
