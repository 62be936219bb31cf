#pragma once
#include <string>
#include <vector>

#include "core/stack_model.h"

namespace meshprobe {

// Where a service's connections start and end, by its network mode (docs/rules.md, MESH009):
// the one answer to "do these two share a network" for every static command.
// - its own networks: the stack networks it is attached to;
// - `service:X` / `container:X`: X's namespace, so X's networks (a sidecar is X's namespace);
// - `none`: loopback only, nothing carries a path from or to it;
// - `host`: the host's namespace, which reaches every address the host's bridges serve, and
//   which every container reaches through its network's gateway;
// - `bridge`: docker0, which no stack network is, but the host's namespace reaches.
struct ServiceReach {
    enum class Kind { networks, host, none, bridge };
    Kind kind = Kind::networks;
    std::vector<std::string> networks;  // Kind::networks: attachment order, each once
};

// A sidecar of a service (or a container name) the model does not define reaches nothing.
ServiceReach reach_of(const StackModel& model, const StackService& service);

// The service whose namespace `service` is: itself, or the end of its chain of `service:` and
// `container:` owners; nullptr when an owner is missing from the model or the chain loops.
const StackService* namespace_owner(const StackModel& model, const StackService& service);

// The networks that carry a path from one to the other, in `from`'s order (the target's for
// a path from the host); empty when nothing does. Two host services meet on "host", a host
// service reaches a bridge service on "bridge".
std::vector<std::string> carrying_networks(const ServiceReach& from, const ServiceReach& to);

// Whether the networks carry anything: paths exist only from and to such services.
inline bool reaches_anything(const ServiceReach& reach) { return reach.kind != ServiceReach::Kind::none; }

}  // namespace meshprobe
