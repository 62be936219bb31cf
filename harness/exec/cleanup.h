#pragma once
#include <string>

#include "engine/docker_api.h"

namespace meshprobe {

// Removes every container labelled with this run's id; returns how many it removed.
// Never throws: it runs on the way out, after errors and Ctrl-C too.
// network_attached_first: the agents on the stack's networks before those that share a
// service's namespace, when compose is about to remove those networks.
enum class Order { any, network_attached_first };
int remove_run_containers(Docker& docker, const std::string& run_id, Order order = Order::any);

// The same after a cancelled round: a create the client abandoned is still completed by the
// engine a moment later, so this sweeps until two passes a quarter of a second apart find
// nothing (at most ~5 s). Returns how many it removed.
int remove_run_containers_until_quiet(Docker& docker, const std::string& run_id);

}  // namespace meshprobe
