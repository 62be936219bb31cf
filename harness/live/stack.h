#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/network_mode.h"
#include "core/port_mapping.h"

namespace meshprobe {

// A running compose stack as the engine reports it, keyed by compose names.

// An address literal of IPv6 (it holds a colon; IPv4 and names never do).
inline bool is_ipv6(const std::string& address) { return address.find(':') != std::string::npos; }

struct LiveAddress {
    std::string network;  // compose network key
    std::string ip;       // IPv4
    std::string ipv6;     // "" on a network without IPv6

    // Both addresses, IPv4 first; none while the container is not running.
    std::vector<std::string> all() const;
};

struct LiveService {
    std::string name;            // compose service
    std::string container_id;
    std::string container_name;
    std::string network_mode;    // engine HostConfig.NetworkMode
    std::vector<LiveAddress> addresses;
    std::vector<PortMapping> published;  // the engine's bindings
    int replica = 1;             // compose's container number
    int replicas = 1;            // running replicas of the service
    std::string image{};         // as created from: "postgres:16"
    std::string image_id{};      // "sha256:..."
    std::string started_at{};    // the engine's State.StartedAt

    // Whether a probe can share this container's namespace as a separate vantage.
    bool own_namespace() const;
    // The name checks use for this container: the service, or "service#N" when it has replicas.
    std::string label() const;
    // Every address on every network, IPv4 and IPv6.
    std::vector<std::string> ips() const;
    const LiveAddress* on(const std::string& network) const;
};

// A container of the project in any state, for the completeness check before probing.
struct LiveContainer {
    std::string service;
    std::string id;
    std::string name;
    std::string state;         // "running", "exited", "restarting", "created", ...
    std::string health;        // "", "starting", "healthy", "unhealthy"
    std::string network_mode;  // as the engine reports it
    int number = 1;
};

struct LiveNetwork {
    std::string key;   // compose network key
    std::string name;  // engine name
    std::string id;
    bool internal = false;
    std::vector<std::string> gateways;
    std::string driver = "bridge";  // the engine's driver: bridge, overlay, macvlan, ...
    std::string bridge{};           // the host interface of a bridge network ("br-0123456789ab")
};

// Networks the declared stack joins but does not own (compose's `external: true`), engine name ->
// the declared stack's key: they are the stack's networks too, so a tier on one is checked.
using ExternalNetworks = std::map<std::string, std::string>;

struct LiveStack {
    std::string project;
    std::vector<LiveService> services;  // the running containers: every replica of every service
    std::vector<LiveContainer> containers;  // every container of the project, whatever its state
    std::vector<LiveNetwork> networks;
    // Running containers on the stack's networks that are no service of the project (nor
    // meshprobe's own): named by their container name ("undeclared:<name>" where that is a
    // service's name), each with its addresses. A bridge between tiers that no file declares.
    std::vector<LiveService> undeclared{};
    // Gateways of bridges outside the stack that a container could still try (docker0).
    std::vector<std::pair<std::string, std::string>> other_gateways;  // {label, ip}

    // The first running replica of a service.
    const LiveService* find_service(const std::string& name) const;
    // Every running replica of a service.
    std::vector<const LiveService*> replicas_of(const std::string& name) const;
    // The addresses of every running replica of a service: what its name may resolve to.
    std::vector<std::string> ips_of(const std::string& name) const;
    const LiveNetwork* find_network(const std::string& key) const;
    // Every bridge gateway of the stack's networks and of docker0: where the sentinel listens.
    std::vector<std::string> gateway_addresses() const;
    // The service that owns an address, or nullptr.
    const LiveService* owner_of(const std::string& ip) const;
};

}  // namespace meshprobe
