#pragma once
#include <cstddef>
#include <string>

#include "topology/topology_diff.h"

namespace meshprobe {

// What a change made worse, and better, of what a reviewer must not miss: forbidden paths a
// network carries, and ports published on every address of the host.
struct DiffRisk {
    std::size_t forbidden_added = 0;    // paths (per pair) now forbidden and carried
    std::size_t forbidden_removed = 0;  // forbidden paths no longer carried
    std::size_t open_ports_added = 0;   // published mappings on all addresses, new
    std::size_t open_ports_removed = 0;

    bool worse() const { return forbidden_added > 0 || open_ports_added > 0; }
};

DiffRisk diff_risk(const TopologyDiff& diff);

// "+3 forbidden paths carried, +1 port published on all addresses" (then what got better,
// "-1 forbidden path carried"); "nothing got worse: no forbidden path carried, no port
// published on all addresses" when neither grew.
std::string risk_line(const DiffRisk& risk);

}  // namespace meshprobe
