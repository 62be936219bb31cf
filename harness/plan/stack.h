#pragma once
#include <map>
#include <string>
#include <vector>

namespace meshprobe {

// A running compose stack as the engine reports it, keyed by compose names.

struct LiveAddress {
    std::string network;  // compose network key
    std::string ip;
};

struct LivePublished {
    int container_port = 0;
    std::string protocol = "tcp";
    std::string host_ip;  // "0.0.0.0", "::", "127.0.0.1", ...
    int host_port = 0;
};

struct LiveService {
    std::string name;            // compose service
    std::string container_id;
    std::string container_name;
    std::string network_mode;    // engine HostConfig.NetworkMode
    std::vector<LiveAddress> addresses;
    std::vector<LivePublished> published;

    // Whether a probe can share this container's namespace as a separate vantage.
    bool own_namespace() const;
    std::vector<std::string> ips() const;
    const LiveAddress* on(const std::string& network) const;
};

struct LiveNetwork {
    std::string key;   // compose network key
    std::string name;  // engine name
    std::string id;
    bool internal = false;
    std::vector<std::string> gateways;
};

struct LiveStack {
    std::string project;
    std::vector<LiveService> services;
    std::vector<LiveNetwork> networks;
    // Gateways of bridges outside the stack that a container could still try (docker0).
    std::vector<std::pair<std::string, std::string>> other_gateways;  // {label, ip}

    const LiveService* find_service(const std::string& name) const;
    const LiveNetwork* find_network(const std::string& key) const;
    // The service that owns an address, or nullptr.
    const LiveService* owner_of(const std::string& ip) const;
};

}  // namespace meshprobe
