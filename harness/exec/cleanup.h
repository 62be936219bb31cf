#pragma once
#include <string>

#include "engine/docker_api.h"

namespace meshprobe {

// Removes every container labelled with this run's id; returns how many it removed.
// Never throws: it runs on the way out, after errors and Ctrl-C too.
int remove_run_containers(Docker& docker, const std::string& run_id);

// The same after a cancelled round: a create the client abandoned is still completed by the
// engine a moment later, so this sweeps until two passes a quarter of a second apart find
// nothing (at most ~5 s). Returns how many it removed.
int remove_run_containers_until_quiet(Docker& docker, const std::string& run_id);

}  // namespace meshprobe
