#pragma once
#include "stack_builder.h"

namespace meshprobe::testing {

// A small stack drawn from `seed` with every shape the path model must judge: tiers with and
// without flows (by tier and by service, with and without ports), services off their tier's
// network (same-tier pairs that share none), network_mode none, host and service:X, an
// untiered service, targets with no known port and one with `ports: none`, both values of
// same_tier and reverse. The same seed gives the same stack.
Stack mixed_stack(unsigned seed);

}  // namespace meshprobe::testing
