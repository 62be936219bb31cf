#pragma once
#include <optional>
#include <string>
#include <vector>

#include "compose/compose_model.h"
#include "policy/reachability.h"
#include "topology/topology.h"

namespace meshprobe {

// The verdict of a path that `networks` carry: allowed with its grant, else reverse or forbidden.
TopologyPath judge_path(const Reachability& policy, const Party& from, const std::string& to, std::optional<int> port,
                        std::vector<std::string> networks);

}  // namespace meshprobe
