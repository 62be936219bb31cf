#pragma once
#include <map>
#include <optional>
#include <string>

#include "core/stack_model.h"
#include "contract/contract.h"
#include "live/stack.h"
#include "topology/prediction.h"
#include "topology/topology.h"

namespace meshprobe {

// The live overlay of the topology model (`topology --live`, `explain --live`): the same model,
// judged on what the engine runs now rather than on what the compose files say.

// The compose model as the engine runs it: each service on the networks its running containers
// are attached to now (an attachment no compose file declares keeps no file:line), publishing
// what the engine bound; a service with no running container is on no network. Networks and
// services the engine has for the project but the compose files lack are added, so a
// `docker network connect` or a container left from an older file shows as a path.
StackModel running_model(const StackModel& model, const LiveStack& live, const std::string& project);

// The networks the compose files name that compose does not label as the project's (external
// ones), engine name -> compose key: what discover_stack must keep beside the labelled ones.
ExternalNetworks external_networks(const StackModel& model, const std::string& project);

// What the engine will do on each path of the running stack, from the running model (the one
// build_live_topology judges) and the engine's facts: the one prediction `run`, `watch` and
// `explain --live` compare their probes with.
Prediction predict_running(const StackModel& model, const LiveStack& live, const std::string& project,
                           HostFirewall firewall, int engine_major);

// build_topology on the running model, with `source` "live", each attachment's addresses and
// each service's containers. Its paths are classes always, and pairs too for PathForm::pairs:
// a stack of thousands of containers has millions of pairs (topology.h, PathForm).
Topology build_live_topology(const Contract& contract, const StackModel& model, const std::string& environment,
                             const LiveStack& live, PathForm form = PathForm::pairs);
// The per-pair paths of a model build_live_topology built by class from this contract, compose
// model and live stack (expand_paths on the running model). Cancelled after Ctrl-C.
void expand_live_paths(Topology& topology, const Contract& contract, const StackModel& model, const LiveStack& live);

// paths_between on the running model, with the live addresses.
Topology live_paths_between(const Contract& contract, const StackModel& model, const std::string& environment,
                            const LiveStack& live, const std::string& from, const std::string& to,
                            std::optional<int> port);

}  // namespace meshprobe
