#pragma once
#include <vector>

#include "probes/plan.h"
#include "probes/result.h"

namespace meshprobe::probe {

// Runs every check of the plan at once on one event loop; returns when the last one has
// an outcome, which is at most the plan's timeout after the start. Results keep plan order.
// Throws std::system_error when the process cannot make an event loop at all.
std::vector<CheckResult> run_plan(const Plan& plan);

}  // namespace meshprobe::probe
