#pragma once
#include <string>
#include <vector>

#include "suites/suites.h"

namespace meshprobe {

// The probes every suite shares: one per tier network, one per service namespace, the host.
std::size_t service_vantage(Plan& plan, const LiveService& service);
std::size_t tier_vantage(Plan& plan, const Tier& tier, const LiveNetwork& network);
std::size_t host_vantage(Plan& plan);

// What a path is expected to do, from the contract: reachable, blocked, or a reverse path.
struct PathExpectation {
    Want want = Want::blocked;
    std::string note;
};
PathExpectation expect_path(const Reachability& policy, const Party& from, const std::string& to, int port);

std::string describe(Want want);
// The DNS names of a service: its own, and the aliases the contract gives it.
std::vector<std::string> names_of(const Contract& contract, const std::string& service);

// A reach or isolation check of `from` against one port of `to`, before any task is added.
PlannedCheck path_check(Suite suite, const Endpoint& from, const LiveService& to, int port,
                        const PathExpectation& expectation);
// A running container as a check's end: the service, or the replica of a replicated one.
Endpoint endpoint_of(const LiveService& service, int port = 0);
// The model's word for a path.
inline Reach predicted(bool carried) { return carried ? Reach::reachable : Reach::blocked; }
std::string port_key(const std::string& prefix, const std::string& what, int port);

}  // namespace meshprobe
