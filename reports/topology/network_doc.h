#pragma once
#include <string>
#include <vector>

#include "contract/contract.h"
#include "policy/reachability.h"
#include "rules/finding.h"
#include "topology/topology.h"

namespace meshprobe {

// `meshprobe docs`: the network design of one environment as a Markdown document a newcomer
// can read, from the topology model, the contract and `check`'s findings. The same input gives
// the same bytes (no dates, no absolute paths), so a committed copy can be checked for drift.
std::string network_doc(const Topology& topology, const Contract& contract, const Reachability& policy,
                        const std::vector<Finding>& findings);

}  // namespace meshprobe
