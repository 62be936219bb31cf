#pragma once
#include <string>

namespace meshprobe {

// Where a container's network namespace comes from: compose's `network_mode` ("" for the
// service's own networks, "host", "none", "bridge", "service:NAME", "container:NAME") or the
// engine's HostConfig.NetworkMode (a network's name for a container on its own networks,
// "container:ID" for a sidecar). Every command asks this one type, not the string.
struct NetworkMode {
    enum class Kind { networks, host, none, bridge, service, container };
    Kind kind = Kind::networks;
    std::string target;  // the service or container whose namespace it shares

    static NetworkMode of(const std::string& text) {
        if (text.empty() || text == "default") return {};
        if (text == "host") return {Kind::host, {}};
        if (text == "none") return {Kind::none, {}};
        if (text == "bridge") return {Kind::bridge, {}};
        if (text.rfind("service:", 0) == 0) return {Kind::service, text.substr(8)};
        if (text.rfind("container:", 0) == 0) return {Kind::container, text.substr(10)};
        return {};  // the engine names the first network of a container on its own networks
    }

    // On networks of its own: the stack's paths run between such services.
    bool on_networks() const { return kind == Kind::networks; }
    // In another container's namespace (a sidecar): it is proven through that one's checks.
    bool shares_namespace() const { return kind == Kind::service || kind == Kind::container; }
    // Whether a probe can stand in this namespace as a vantage of its own (`none` can: it has
    // loopback; `host` is the host's, which no tier holds).
    bool own_namespace() const { return !shares_namespace() && kind != Kind::host; }
};

}  // namespace meshprobe
