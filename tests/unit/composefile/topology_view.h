#pragma once
#include <string>

#include "core/stack_model.h"

namespace meshprobe::testing {

// The part of a model the corpus test compares, as sorted text lines: services, networks
// with their internal/external flags, each service's networks and aliases, published ports
// (ranges expanded, as compose 1.29 renders them) and network_mode. Two models with the same
// topology give the same text whatever order their files wrote things in.
std::string topology_view(const StackModel& model);

}  // namespace meshprobe::testing
