#pragma once
#include "compose/compose_model.h"

namespace meshprobe {

// The consistency checks compose makes once every file is merged: each service has an image
// or a build, uses declared networks, and names existing services in depends_on, links and
// `network_mode: service:`; depends_on has no cycle. Throws InputError at the offending line.
void check_topology(const ComposeModel& model);

// Attaches each service with neither networks nor network_mode to the implicit `default`
// network, and declares that network when some service uses it.
void add_default_network(ComposeModel& model);

}  // namespace meshprobe
