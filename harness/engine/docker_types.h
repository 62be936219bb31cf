#pragma once
#include <map>
#include <string>
#include <vector>

namespace meshprobe {

using Labels = std::map<std::string, std::string>;

// One network a container is attached to, as the engine sees it.
struct ContainerNetwork {
    std::string name;
    std::string id;
    std::string ip_address;  // "" while the container is not running
    std::string gateway;
    std::string ipv6_address;  // "" on a network without IPv6
    std::string ipv6_gateway;
    std::vector<std::string> aliases;
};

// A container port; host_port 0 means exposed but not published.
struct PortBinding {
    int container_port = 0;
    std::string protocol;  // "tcp" | "udp" | "sctp"
    std::string host_ip;   // "0.0.0.0", "127.0.0.1", "::", "" when not published
    int host_port = 0;
};

struct ContainerInfo {
    std::string id;
    std::string name;  // without the leading '/'
    std::string image;  // as the container was created from it: "postgres:16"
    std::string image_id{};  // the image it runs: "sha256:..."
    std::string started_at{};  // State.StartedAt, RFC 3339; the zero time when it never started
    std::string state;  // "created" | "running" | "exited" | ...
    std::string health; // "healthy" | "unhealthy" | "starting" | "" without a health check
    std::string network_mode;  // "default", a network name, "host", "none", "container:<id>"
    Labels labels;
    std::vector<ContainerNetwork> networks;
    std::vector<PortBinding> ports;
};

// What an item of GET /containers/json tells without an inspect: its id, labels and the names
// of the networks it is attached to.
struct ListedContainer {
    std::string id;
    Labels labels;
    std::vector<std::string> networks;
};

struct NetworkInfo {
    std::string id;
    std::string name;
    std::string driver;
    bool internal = false;
    Labels labels;
    std::map<std::string, std::string> options;  // driver options
    std::vector<std::string> subnets;   // IPAM config, "172.20.0.0/16"
    std::vector<std::string> gateways;  // IPAM config, "172.20.0.1"
};

struct VersionInfo {
    std::string engine_version;  // "20.10.24+dfsg1"
    std::string api_version;     // the engine's newest, "1.41"
    std::string min_api_version;
    std::string os;    // "linux"
    std::string arch;  // "amd64"

    // 26 for "26.1.5+dfsg1"; 0 when the version does not start with a number.
    int engine_major() const {
        int major = 0;
        for (char c : engine_version) {
            if (c < '0' || c > '9') break;
            major = major * 10 + (c - '0');
        }
        return major;
    }
};

// What create_container needs; empty fields leave the engine's (or image's) default.
struct ContainerSpec {
    std::string image;
    std::vector<std::string> entrypoint;
    std::vector<std::string> cmd;
    std::vector<std::string> env;  // "NAME=value"
    Labels labels;
    std::string user;              // "65534:65534"
    bool read_only = false;
    std::vector<std::string> cap_drop;
    std::vector<std::string> cap_add;
    std::vector<std::string> security_opt;  // "no-new-privileges"
    std::string network_mode;  // a network name, "container:<id>", "none"
    std::map<std::string, std::string> sysctls;
    std::vector<std::string> dns;  // upstream servers of the embedded DNS
    bool auto_remove = false;
    long long memory_bytes = 0;  // HostConfig.Memory; 0: no limit
    long long pids_limit = 0;    // HostConfig.PidsLimit; 0: no limit
    std::string name;  // empty: the engine picks one
};

}  // namespace meshprobe
