#pragma once
#include <set>
#include <string>

#include "core/stack_model.h"

namespace meshprobe {

// The consistency checks compose makes once every file is merged: each service has an image
// or a build, uses declared networks, and names existing services in depends_on, links and
// `network_mode: service:`; depends_on has no cycle. Throws InputError at the offending line.
// `inactive` names the services left out by profiles: compose refuses a dependency on one.
void check_topology(const StackModel& model, const std::set<std::string>& inactive = {});


}  // namespace meshprobe
