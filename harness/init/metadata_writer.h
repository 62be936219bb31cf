#pragma once
#include <string>

#include "init/contract_inference.h"

namespace meshprobe {

// With `init --metadata DIR`, the facts of one service (its tier, ports, role, endpoints and the
// flows it opens) go to DIR/<service>.yaml, owned by the service's team; mesh.yaml keeps what
// spans services: tiers, publish rules and flows a metadata file cannot say.

// Whether the flow can be the source's metadata `dependencies` entry: those carry no ports, so
// only a flow that allows every port of its target means the same thing there.
bool is_dependency(const InferredFlow& flow);

// The metadata file of `service` (docs/contract.md, service metadata files), with a comment
// beside each inferred value saying where it came from.
std::string write_metadata(const InferredContract& contract, const InferredService& service);

}  // namespace meshprobe
