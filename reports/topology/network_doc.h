#pragma once
#include <optional>
#include <string>
#include <vector>

#include "contract/contract.h"
#include "policy/reachability.h"
#include "reports/topology/topology_render.h"
#include "rules/finding.h"
#include "topology/topology.h"

namespace meshprobe {

struct NetworkDocOptions {
    // What links to the stack's files start with: empty when the document lies beside the
    // contract, else the way from the document's folder to the contract's ("../deploy/"), or a
    // base URL ending in "/" for a copy read elsewhere. Nothing links outside the repository
    // unless a base URL says where.
    std::string link_base;
    // The diagram's level; none: default_level. The service level needs the per-pair paths.
    std::optional<GraphLevel> level;
};

// `meshprobe docs`: the network design of one environment as a Markdown document a newcomer
// can read, from the topology model, the contract and `check`'s findings. The same input gives
// the same bytes (no dates, no absolute paths), so a committed copy can be checked for drift.
std::string network_doc(const Topology& topology, const Contract& contract, const Reachability& policy,
                        const std::vector<Finding>& findings, const NetworkDocOptions& options = {});

}  // namespace meshprobe
