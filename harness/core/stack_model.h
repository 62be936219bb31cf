#pragma once
#include <map>
#include <utility>
#include <optional>
#include <string>
#include <vector>

#include "core/network_mode.h"
#include "core/port_mapping.h"
#include "core/source_location.h"

namespace meshprobe {

// The part of a stack that decides its network topology, in no orchestrator's types: compose
// renders into it (composefile/), and a second orchestrator would render into it too.

struct NetworkAttachment {
    std::string network;               // compose network key
    std::vector<std::string> aliases;
    std::string ipv4_address;
    std::string ipv6_address;
    SourceLocation where;
};

struct StackService {
    std::string name;
    std::string image;
    bool has_build = false;
    // Without `networks:` and `network_mode:` compose attaches the service to the implicit
    // `default` network; the parser lists that attachment here, as compose v2 renders it.
    std::vector<NetworkAttachment> networks;
    std::vector<PortMapping> ports;
    std::vector<int> expose;
    std::string network_mode;                 // "", "host", "none", "bridge", "service:x", "container:x"
    std::vector<std::string> links;
    std::vector<std::string> profiles;
    std::vector<std::string> depends_on;
    std::string hostname;
    std::string domainname;
    std::string container_name;               // also a DNS name on every attached network
    std::vector<std::string> volumes;         // raw short/long syntax sources, for the socket rule
    std::map<std::string, SourceLocation> volume_where;  // the line of each source
    std::map<std::string, std::string> volume_target;    // the container path of each source
    std::optional<int> replicas;              // `deploy.replicas` or `scale`; unset means one
    std::vector<std::string> extra_hosts;     // "name:address", names this service's /etc/hosts adds
    // The text of environment, command, entrypoint and labels, where `init` looks for
    // host:port and URL references to other services.
    std::vector<std::string> mentions;
    // The words of `healthcheck.test`, where `init` looks for the URL a service answers on.
    std::vector<std::string> healthcheck;
    // `env_file` paths, absolute (a relative one is taken from the folder of the file naming
    // it), each with whether compose requires it: `init` reads references there as well.
    std::vector<std::pair<std::string, bool>> env_files;
    SourceLocation where;

    int replica_count() const { return replicas.value_or(1); }
    NetworkMode mode() const { return NetworkMode::of(network_mode); }

    // Container ports this service serves: expose + container side of ports.
    std::vector<int> served_ports() const;
    const NetworkAttachment* attachment(const std::string& network) const;
};

// One address pool of a network's `ipam.config`.
struct IpamPool {
    std::string subnet;
    std::string ip_range;
    std::string gateway;
};

struct StackNetwork {
    std::string key;       // key under `networks:`
    std::string name;      // `name:` when set, else empty (engine name is <project>_<key>)
    bool internal = false;
    bool external = false;
    bool enable_ipv6 = false;
    bool attachable = false;
    std::string driver;
    std::map<std::string, std::string> driver_opts;
    std::string ipam_driver;
    std::vector<IpamPool> ipam_pools;
    SourceLocation where;

    // What the engine calls it: `name:`, else the key for an external network, else
    // <project>_<key>.
    std::string engine_name(const std::string& project) const;
};

// A variable that a value deciding the topology (a service's ports, networks, network mode,
// names, links, profiles; a network's definition) names without a default, and that neither the shell
// nor the env file sets: compose reads it as blank, which can mean a random host port.
struct UnsetVariable {
    std::string name;
    std::string service;  // empty under the top-level networks
    std::string key;      // the service key or "networks"
    SourceLocation where;
};

struct StackModel {
    std::vector<StackService> services;
    std::vector<StackNetwork> networks;
    std::vector<UnsetVariable> unset_variables;
    // Services the active profiles leave out, with the profile each would need.
    std::map<std::string, std::string> inactive;

    const StackService* find_service(const std::string& name) const;
    const StackNetwork* find_network(const std::string& key) const;
    // A service with neither networks nor network_mode is on `default`, which then exists.
    void add_implicit_default_network();
};

// Removes the services that compose would not start with these profiles active: those that
// list profiles, none of them active. compose 1.29 renders every service whatever the
// profiles, v2 only the active ones; after this both give the same model.
void remove_inactive_services(StackModel& model, const std::vector<std::string>& active_profiles);

}  // namespace meshprobe
