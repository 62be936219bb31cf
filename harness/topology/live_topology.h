#pragma once
#include <optional>
#include <string>

#include "compose/compose_model.h"
#include "contract/contract.h"
#include "live/stack.h"
#include "topology/topology.h"

namespace meshprobe {

// The live overlay of the topology model (`topology --live`, `explain --live`): the same model,
// judged on what the engine runs now rather than on what the compose files say.

// The compose model as the engine runs it: each service on the networks its running containers
// are attached to now (an attachment no compose file declares keeps no file:line), publishing
// what the engine bound; a service with no running container is on no network. Networks and
// services the engine has for the project but the compose files lack are added, so a
// `docker network connect` or a container left from an older file shows as a path.
ComposeModel running_model(const ComposeModel& model, const LiveStack& live, const std::string& project);

// build_topology on the running model, with `source` "live", each attachment's addresses and
// each service's containers.
Topology build_live_topology(const Contract& contract, const ComposeModel& model, const std::string& environment,
                             const LiveStack& live);

// paths_between on the running model, with the live addresses.
Topology live_paths_between(const Contract& contract, const ComposeModel& model, const std::string& environment,
                            const LiveStack& live, const std::string& from, const std::string& to,
                            std::optional<int> port);

}  // namespace meshprobe
