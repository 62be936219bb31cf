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
// Without its trailing newlines and spaces: a command's one-line answer.
std::string trimmed(std::string text);
// The running container of a compose service, by compose's labels (v1 and v2 name containers
// differently); "" when none runs.
std::string container_of(const std::string& project, const std::string& service);
// What one TCP connect from inside `container` to host:port ends in, as the probe binary in it
// says ("connected", "refused", "timeout", ...), or "no result: <output>".
std::string probe_connect(const std::string& container, const std::string& host, int port);

}  // namespace meshtest
