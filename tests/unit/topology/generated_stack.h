#pragma once
#include <string>

#include "scratch_folder.h"

namespace meshprobe::testing {

// The stacks of bench/generate_stack.py, written in place: `tiered` is its four tiers of
// `per_tier` services (edge, auth, api, data, with its flows and half the api tier on the data
// network), `flat` one tier of `services` on one network, each service with a port of its own.
// Returns the contract's path.
std::string write_tiered_stack(const ScratchFolder& folder, int per_tier);
std::string write_flat_stack(const ScratchFolder& folder, int services);

}  // namespace meshprobe::testing
