#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "exec/lan_host.h"

namespace meshprobe {

struct LanTarget {
    std::string address;  // IPv4 or IPv6 literal, no brackets
    int port = 0;
};

// What a TCP connect from the outside host met.
enum class LanOutcome {
    connected,    // the handshake completed: reachable from the LAN
    refused,      // a reset: nothing listens there for the LAN
    no_answer,    // nothing within the timeout: dropped on the way (a firewall)
    unreachable,  // no route, or an ICMP unreachable
};

std::string_view to_string(LanOutcome outcome);

// Connects to every target at once from inside the outside host's namespace, each bounded
// by `timeout`; the answer is in the order of `targets`. InfraError when a socket cannot be
// opened there.
std::vector<LanOutcome> connect_from(const LanHost& host, const std::vector<LanTarget>& targets,
                                     std::chrono::milliseconds timeout);

}  // namespace meshprobe
