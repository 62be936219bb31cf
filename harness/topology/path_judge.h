#pragma once
#include <optional>
#include <string>
#include <vector>

#include "compose/compose_model.h"
#include "policy/reachability.h"
#include "topology/topology.h"

namespace meshprobe {

// Paths exist only between namespaces of their own on the stack's networks; a sidecar
// (`service:X`) is X's namespace, `host`, `none` and `bridge` are outside the stack.
inline bool on_stack_networks(const ComposeService& service) { return service.mode().on_networks(); }

// The networks both are attached to, in a's order.
std::vector<std::string> shared_networks(const ComposeService& a, const ComposeService& b);

// The verdict of a path that `networks` carry: allowed with its grant, else reverse or forbidden.
TopologyPath judge_path(const Reachability& policy, const Party& from, const std::string& to, std::optional<int> port,
                        std::vector<std::string> networks);

}  // namespace meshprobe
