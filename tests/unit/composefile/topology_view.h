#pragma once
#include <string>

#include "core/stack_model.h"

namespace meshprobe::testing {

// The part of a model the corpus test compares, as sorted text lines: services, networks
// with their internal/external flags, each service's networks and aliases, published ports
// (ranges expanded, as compose 1.29 renders them) and network_mode. Two models with the same
// topology give the same text whatever order their files wrote things in.
//
// With a project, the view of compose v2 as that project: its name first, each attachment with
// the network's engine name (-p changes it), and only the networks some service joins (v2
// renders no others).
std::string topology_view(const StackModel& model, const std::string& project = {});

}  // namespace meshprobe::testing
