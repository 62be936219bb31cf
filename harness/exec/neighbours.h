#pragma once
#include <cstddef>
#include <string>

#include "probeplan/probe_plan.h"

namespace meshprobe {

// The kernel's neighbour (ARP and NDP) table is one table for every network namespace, with
// a hard limit (gc_thresh3, 1024 by default). A run whose vantages together talk to more
// peers than that loses entries and sees healthy paths time out; meshprobe names the limit
// instead of letting it pass as "timeout".

struct NeighbourLimits {
    long ipv4 = 0;  // net.ipv4.neigh.default.gc_thresh3; 0 when unreadable
    long ipv6 = 0;  // net.ipv6.neigh.default.gc_thresh3
};

NeighbourLimits read_neighbour_limits(const std::string& proc = "/proc");

// How often the tables were full so far (table_fulls of /proc/net/stat/arp_cache and
// ndisc_cache, summed over CPUs); -1 when unreadable.
long neighbour_overflows(const std::string& proc = "/proc");

// The entries a plan needs at once: each vantage learns every on-link peer it contacts, and
// each peer learns the vantage back.
std::size_t neighbours_needed(const Plan& plan);

// The warning for a plan that needs more than the limit; empty when it fits.
std::string neighbour_warning(std::size_t needed, const NeighbourLimits& limits);
// The report's line when the tables overflowed during the run; empty when they did not.
std::string overflow_warning(long before, long after);

}  // namespace meshprobe
