#pragma once
#include <vector>

#include "init/contract_inference.h"
#include "learn/flow_table.h"

namespace meshprobe {

// `init --learn DURATION` (docs/learn.md): the connections seen while the stack ran, added to
// the contract init inferred from the compose files. A pair it already has a flow for gains the
// ports seen (a flow on every port stays so); a new pair becomes a flow; a connection to the
// host or the outside becomes a note (the inferred tiers say nothing of egress yet).
void add_learned_flows(InferredContract& contract, const std::vector<SeenFlow>& seen, long seconds);

}  // namespace meshprobe
