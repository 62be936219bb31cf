#pragma once
#include <string>

#include "contract/contract.h"
#include "enforce/ruleset.h"
#include "live/stack.h"
#include "topology/topology.h"

namespace meshprobe {

// `meshprobe enforce`'s compiler: the contract's answers on the running stack (the live
// topology, built per pair) and the stack's addresses and bridges, as one nftables table that
// drops, for new TCP and UDP connections only (replies pass):
//  - between two containers of one bridge, whatever the topology does not allow: per
//    destination address an allow-list (its allowed sources per port), then a drop;
//  - from an `egress: deny` tier's bridge to the host (input) and out of its bridge (forward);
//  - to a published port the contract's `publish` does not allow, after the engine's DNAT.
// Every rule names a bridge of the project, so nothing else on the host is matched.

// The table of a project: `inet meshprobe_<project>`. `run` asks for it by this name.
std::string enforcement_table_name(const std::string& project);

// InputError (exit 2) where the stack cannot be enforced: a running service with network_mode
// host, a network of the stack whose driver is not `bridge`.
void refuse_unenforceable(const LiveStack& live);

// The table for `topology` (build_live_topology of `live`, PathForm::pairs) and `contract`.
FirewallTable compile_enforcement(const Contract& contract, const Topology& topology, const LiveStack& live);

}  // namespace meshprobe
