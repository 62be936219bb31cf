#include "engine/docker_json.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>

namespace meshprobe {
namespace {

using nlohmann::json;

// The engine writes null for empty lists and maps, and omits fields freely; read leniently.
const json& field(const json& object, const char* key) {
    static const json missing;
    if (!object.is_object()) return missing;
    auto it = object.find(key);
    return it == object.end() ? missing : *it;
}

std::string text(const json& object, const char* key) {
    const json& value = field(object, key);
    return value.is_string() ? value.get<std::string>() : std::string();
}

std::map<std::string, std::string> string_map(const json& object) {
    std::map<std::string, std::string> out;
    if (!object.is_object()) return out;
    for (auto& [key, value] : object.items()) {
        if (value.is_string()) out[key] = value.get<std::string>();
    }
    return out;
}

std::vector<std::string> string_list(const json& array) {
    std::vector<std::string> out;
    if (!array.is_array()) return out;
    for (const json& value : array) {
        if (value.is_string()) out.push_back(value.get<std::string>());
    }
    return out;
}

// "5432/tcp": [{"HostIp": "0.0.0.0", "HostPort": "5432"}] or null when only exposed.
std::vector<PortBinding> port_bindings(const json& ports) {
    std::vector<PortBinding> out;
    if (!ports.is_object()) return out;
    for (auto& [key, bindings] : ports.items()) {
        PortBinding port;
        std::string::size_type slash = key.find('/');
        port.container_port = std::atoi(key.substr(0, slash).c_str());
        port.protocol = slash == std::string::npos ? "tcp" : key.substr(slash + 1);
        if (!bindings.is_array() || bindings.empty()) {
            out.push_back(port);
            continue;
        }
        for (const json& binding : bindings) {
            PortBinding published = port;
            published.host_ip = text(binding, "HostIp");
            published.host_port = std::atoi(text(binding, "HostPort").c_str());
            out.push_back(published);
        }
    }
    std::sort(out.begin(), out.end(), [](const PortBinding& a, const PortBinding& b) {
        return std::tie(a.container_port, a.protocol, a.host_ip, a.host_port) <
               std::tie(b.container_port, b.protocol, b.host_ip, b.host_port);
    });
    return out;
}

std::string health_status(const json& state) {
    return text(field(state, "Health"), "Status");
}

void put_if_any(json& object, const char* key, const std::vector<std::string>& values) {
    if (!values.empty()) object[key] = values;
}

}  // namespace

ListedContainer listed_container(const json& item) {
    ListedContainer out{text(item, "Id"), string_map(field(item, "Labels")), {}};
    const json& networks = field(field(item, "NetworkSettings"), "Networks");
    if (networks.is_object()) {
        for (const auto& [name, endpoint] : networks.items()) out.networks.push_back(name);
    }
    return out;
}

ContainerInfo container_from_inspect(const json& inspect) {
    ContainerInfo info;
    info.id = text(inspect, "Id");
    info.name = text(inspect, "Name");
    if (info.name.starts_with('/')) info.name.erase(0, 1);
    const json& config = field(inspect, "Config");
    const json& host_config = field(inspect, "HostConfig");
    const json& state = field(inspect, "State");
    const json& settings = field(inspect, "NetworkSettings");
    info.image = text(config, "Image");
    info.image_id = text(inspect, "Image");
    info.started_at = text(state, "StartedAt");
    info.labels = string_map(field(config, "Labels"));
    info.state = text(state, "Status");
    info.health = health_status(state);
    info.network_mode = text(host_config, "NetworkMode");

    const json& networks = field(settings, "Networks");
    if (networks.is_object()) {
        for (auto& [name, endpoint] : networks.items()) {
            ContainerNetwork network;
            network.name = name;
            network.id = text(endpoint, "NetworkID");
            network.ip_address = text(endpoint, "IPAddress");
            network.gateway = text(endpoint, "Gateway");
            network.ipv6_address = text(endpoint, "GlobalIPv6Address");
            network.ipv6_gateway = text(endpoint, "IPv6Gateway");
            network.aliases = string_list(field(endpoint, "Aliases"));
            info.networks.push_back(std::move(network));
        }
    }
    // A running container reports its live ports; a stopped one only what it asked for.
    info.ports = port_bindings(field(settings, "Ports"));
    if (info.ports.empty()) info.ports = port_bindings(field(host_config, "PortBindings"));
    return info;
}

NetworkInfo network_from_json(const json& network) {
    NetworkInfo info;
    info.id = text(network, "Id");
    info.name = text(network, "Name");
    info.driver = text(network, "Driver");
    const json& internal = field(network, "Internal");
    info.internal = internal.is_boolean() && internal.get<bool>();
    info.labels = string_map(field(network, "Labels"));
    info.options = string_map(field(network, "Options"));
    const json& configs = field(field(network, "IPAM"), "Config");
    if (configs.is_array()) {
        for (const json& config : configs) {
            if (std::string subnet = text(config, "Subnet"); !subnet.empty()) info.subnets.push_back(subnet);
            if (std::string gateway = text(config, "Gateway"); !gateway.empty()) info.gateways.push_back(gateway);
        }
    }
    return info;
}

VersionInfo version_from_json(const json& version) {
    VersionInfo info;
    info.engine_version = text(version, "Version");
    info.api_version = text(version, "ApiVersion");
    info.min_api_version = text(version, "MinAPIVersion");
    info.os = text(version, "Os");
    info.arch = text(version, "Arch");
    return info;
}

json create_body(const ContainerSpec& spec) {
    json body = {{"Image", spec.image}};
    put_if_any(body, "Entrypoint", spec.entrypoint);
    put_if_any(body, "Cmd", spec.cmd);
    put_if_any(body, "Env", spec.env);
    if (!spec.labels.empty()) body["Labels"] = spec.labels;
    if (!spec.user.empty()) body["User"] = spec.user;

    json host_config = json::object();
    if (spec.read_only) host_config["ReadonlyRootfs"] = true;
    if (spec.auto_remove) host_config["AutoRemove"] = true;
    if (spec.memory_bytes > 0) host_config["Memory"] = spec.memory_bytes;
    if (spec.pids_limit > 0) host_config["PidsLimit"] = spec.pids_limit;
    put_if_any(host_config, "CapDrop", spec.cap_drop);
    put_if_any(host_config, "CapAdd", spec.cap_add);
    put_if_any(host_config, "SecurityOpt", spec.security_opt);
    if (!spec.network_mode.empty()) host_config["NetworkMode"] = spec.network_mode;
    if (!spec.sysctls.empty()) host_config["Sysctls"] = spec.sysctls;
    put_if_any(host_config, "Dns", spec.dns);
    body["HostConfig"] = host_config;
    return body;
}

std::string label_filters(const std::vector<std::string>& labels) {
    json selected = json::object();
    for (const std::string& label : labels) selected[label] = true;
    return json{{"label", selected}}.dump();
}

}  // namespace meshprobe
