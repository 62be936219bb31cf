#pragma once
#include <string>

// The world the integration tests run in: a Docker engine that answers (or they fail, never
// skip), the host-side egress fix for the reference data bridge, and an "outside" host in a
// network namespace of the tests' own, as the egress target.
namespace meshtest {

inline const char* kDataBridge = "mp-devonb-data";

std::string outside_target();  // "198.18.0.2:18080"
void apply_host_firewall();
void remove_host_firewall();
std::string shell(const std::string& command, int* status = nullptr);

}  // namespace meshtest
