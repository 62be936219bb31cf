#pragma once
#include <functional>
#include <string>

#include "engine/docker_api.h"

namespace meshprobe {

// Removes every container labelled with this run's id; returns how many it removed.
// Never throws: it runs on the way out, after errors and Ctrl-C too.
// network_attached_first: the agents on the stack's networks before those that share a
// service's namespace, when compose is about to remove those networks.
enum class Order { any, network_attached_first };
int remove_run_containers(Docker& docker, const std::string& run_id, Order order = Order::any);

// Calls `pass` (which returns how many it removed) until two passes in a row, a quarter of a
// second apart, remove nothing, or `passes` have run; returns the total removed. The engine
// still completes a create the client abandoned (Ctrl-C), a moment after a first sweep.
int sweep_until_quiet(const std::function<int()>& pass, int passes = 20);

// remove_run_containers after a cancelled round, until the engine is quiet (at most ~5 s).
int remove_run_containers_until_quiet(Docker& docker, const std::string& run_id);

}  // namespace meshprobe
