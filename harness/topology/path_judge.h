#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/stack_model.h"
#include "policy/reachability.h"
#include "topology/service_reach.h"
#include "topology/topology.h"

namespace meshprobe {

// Whether the contract wants a path it allows carried (`run` proves that it connects): a flow's
// always, the same tier's between services that have a network (`network_mode: none` asks for
// none), a service's to itself never.
bool wants_carried(Grant::Kind grant, const ServiceReach& from, const ServiceReach& to);

// The verdict of a path that `networks` carry: allowed with its grant, else reverse or forbidden.
TopologyPath judge_path(const Reachability& policy, const Party& from, const std::string& to, std::optional<int> port,
                        std::vector<std::string> networks);

// judge_path's answer for every port of one pair at once: the ports it does not allow, and the
// flow the path is the reverse of when there are any (found once: it does not depend on the
// port). MESH003 lists ninety thousand paths on a large stack.
struct UnallowedPorts {
    std::vector<std::optional<int>> ports;
    std::string reverse_of;
};
UnallowedPorts unallowed_ports(const Reachability& policy, const Party& from, const std::string& to,
                               const std::vector<std::optional<int>>& ports);

}  // namespace meshprobe
