#pragma once
#include <string>
#include <vector>

#include "core/stack_model.h"
#include "contract/contract.h"

namespace meshprobe::testing {

// For every ordered pair of services and every port the model or the target knows: the
// topology's verdict, explain's answer (paths_between) and check's findings for the pair. One
// line per disagreement, naming the pair, the port and the three answers; empty when they agree.
// check agrees when a broken path has its MESH004 (at the client, naming the target) and no
// other pair has one, a forbidden path has a MESH003 error at one of its two services and
// every such error has a forbidden path, and a reverse path has its note at its client.
std::vector<std::string> disagreements(const Contract& contract, const StackModel& model,
                                       const std::string& environment);

}  // namespace meshprobe::testing
