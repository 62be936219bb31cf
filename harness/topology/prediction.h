#pragma once
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/stack_model.h"
#include "topology/service_reach.h"

namespace meshprobe {

// The host's side of what the engine will do: which bridges the host's firewall closes to
// traffic addressed to the host itself (an INPUT rule that drops or rejects all that arrives
// on the interface), per address family.
struct HostFirewall {
    std::set<std::string> closed_v4;  // interface names
    std::set<std::string> closed_v6;

    // Read from `iptables -S INPUT` and `ip6tables -S INPUT`; empty where they cannot be read.
    static HostFirewall read();
    // Parses one `-S` listing (tests).
    static std::set<std::string> closed_interfaces(const std::string& listing);
};

// What a model of the stack says the engine will do on a path, before any probe: compared with
// what the probes saw, a difference is a disagreement between the model and the engine.
// Services are compose names; a `service:X` sidecar is X's namespace. Which networks carry a
// path is the model's answer (reach_of, carrying_networks), not found again here. The live commands build
// it from the running stack with predict_running (topology/live_topology.h), the model
// `topology --live` shows; it adds the engine's facts (host firewall, gateways per engine).
class Prediction {
public:
    // `engine_major`: the engine's major version, for what differs between engines (0: 20.10's).
    explicit Prediction(StackModel model, HostFirewall firewall = {}, int engine_major = 0);

    // Whether `from` can open connections to `to`: the model carries a path between them on a
    // network of the stack (topology/service_reach.h, the answer every command shares).
    bool reaches(const std::string& from, const std::string& to) const;
    // Whether `name` (a service name, container name or alias of `owner`) resolves from `from`.
    bool resolves(const std::string& from, const std::string& owner, const std::string& name) const;
    // Whether a fresh probe on `network` reaches `to`.
    bool attached(const std::string& to, const std::string& network) const;
    // Whether traffic from these networks reaches an address of the host (a bridge gateway):
    // the engine delivers it locally whatever `internal` says, unless the host's firewall
    // closes every one of those bridges. `ipv6` picks the family.
    bool reaches_host(const std::vector<std::string>& networks, bool ipv6) const;
    // Whether traffic from these networks reaches the gateway of `gateway_network`: its own
    // gateway is on-link and reached as reaches_host says. Another bridge's gateway needs a
    // route: engine 20.10 (measured) gives internal networks one anyway, engine 26 (measured)
    // does not, so from internal networks only it is out of reach there.
    bool reaches_gateway(const std::vector<std::string>& networks, const std::string& gateway_network, bool ipv6) const;
    // Whether traffic from these networks is forwarded outside: some network is not internal.
    bool reaches_outside(const std::vector<std::string>& networks) const;
    // The networks of a service's namespace.
    std::vector<std::string> networks_of(const std::string& service) const;

private:
    ServiceReach reach(const std::string& service) const;
    std::vector<std::string> shared(const std::string& from, const std::string& to) const;
    std::string bridge_of(const std::string& network) const;

    StackModel model_;
    HostFirewall firewall_;
    int engine_major_ = 0;
};

}  // namespace meshprobe
