#pragma once
#include <string>
#include <vector>

#include "core/source_location.h"
#include "rules/finding.h"
#include "topology/topology.h"

namespace meshprobe {

// A contract or compose line as the network document links it: "[mesh.yaml:12](mesh.yaml#L12)",
// the target starting with link_base (NetworkDocOptions); plain text for a file outside the
// contract's folder, "" for a location no file gives.
std::string location_link(const Topology& topology, const SourceLocation& location, const std::string& link_base);

// The network document's "Troubleshooting": what `check` reports now, then a procedure per kind
// of failure (a path that should be blocked is open, an allowed flow is broken, an alias does
// not resolve, egress is open) with the commands to run, named after this stack's own services
// and networks.
std::string troubleshooting(const Topology& topology, const std::vector<Finding>& findings, const std::string& link_base);

}  // namespace meshprobe
