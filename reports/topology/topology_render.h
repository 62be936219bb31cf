#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "topology/topology.h"

namespace meshprobe {

// Why a path has its verdict, down to the YAML lines (relative to the contract's folder).
std::string reason_of(const Topology& topology, const TopologyPath& path);

// SPEC section 9's JSON, schema "meshprobe.topology/v1" (docs/topology.schema.json).
void to_json(nlohmann::json& out, const Topology& topology);

// Tiers as clusters, services as nodes, allowed paths solid, forbidden ones red, broken flows
// dashed; reverse paths are left out (each is the other side of an allowed edge).
std::string to_mermaid(const Topology& topology);
std::string to_dot(const Topology& topology);

}  // namespace meshprobe
