#include "compose/compose_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "compose/port_syntax.h"
#include "core/errors.h"

namespace meshprobe {
namespace {

// Reads typed values out of YAML nodes and turns shape errors into `file:line` input errors.
class Reader {
public:
    explicit Reader(std::string file) : file_(std::move(file)) {}

    SourceLocation at(const YAML::Node& node) const {
        const YAML::Mark mark = node.Mark();
        if (mark.line < 0) return {file_, 0, 0};
        return {file_, mark.line + 1, mark.column + 1};
    }

    [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
        throw InputError(at(node), message);
    }

    std::string text(const YAML::Node& node, const std::string& what) const {
        if (!node.IsScalar()) fail(node, what + " must be a string");
        return node.Scalar();
    }

    std::string optional_text(const YAML::Node& parent, const char* key) const {
        const YAML::Node node = parent[key];
        if (!node || node.IsNull()) return {};
        return text(node, key);
    }

    bool flag(const YAML::Node& node, const std::string& what) const {
        if (!node || node.IsNull()) return false;
        if (!node.IsScalar()) fail(node, what + " must be true or false");
        try {
            return node.as<bool>();
        } catch (const YAML::Exception&) {
            fail(node, what + " must be true or false, not '" + node.Scalar() + "'");
        }
    }

    // A list of strings, or the keys of a map (depends_on, networks).
    std::vector<std::string> names(const YAML::Node& node, const std::string& what) const {
        std::vector<std::string> result;
        if (!node || node.IsNull()) return result;
        if (node.IsSequence()) {
            for (const auto& item : node) result.push_back(text(item, what + " entry"));
        } else if (node.IsMap()) {
            for (const auto& item : node) result.push_back(text(item.first, what + " key"));
        } else {
            fail(node, what + " must be a list");
        }
        return result;
    }

    void expect_map(const YAML::Node& node, const std::string& what) const {
        if (!node.IsMap()) fail(node, what + " must be a mapping");
    }

private:
    std::string file_;
};

NetworkAttachment read_attachment(const Reader& r, const YAML::Node& key, const YAML::Node& value) {
    NetworkAttachment attachment;
    attachment.network = r.text(key, "network name");
    attachment.where = r.at(key);
    if (!value || value.IsNull()) return attachment;
    r.expect_map(value, "network attachment '" + attachment.network + "'");
    attachment.aliases = r.names(value["aliases"], "aliases");
    attachment.ipv4_address = r.optional_text(value, "ipv4_address");
    attachment.ipv6_address = r.optional_text(value, "ipv6_address");
    return attachment;
}

std::vector<NetworkAttachment> read_attachments(const Reader& r, const YAML::Node& node) {
    std::vector<NetworkAttachment> result;
    if (!node || node.IsNull()) return result;
    if (node.IsSequence()) {
        for (const auto& item : node) result.push_back(read_attachment(r, item, YAML::Node()));
    } else if (node.IsMap()) {
        for (const auto& item : node) result.push_back(read_attachment(r, item.first, item.second));
    } else {
        r.fail(node, "networks must be a list or a mapping");
    }
    return result;
}

PortMapping read_long_port(const Reader& r, const YAML::Node& node) {
    const SourceLocation where = r.at(node);
    PortMapping mapping;
    mapping.where = where;
    const PortRange target = parse_port_range(r.text(node["target"], "ports target"), where);
    if (target.first == 0) r.fail(node, "a long-syntax port needs a target");
    mapping.container_port = target.first;
    mapping.container_port_end = target.last;
    // v1 renders `published` as a number, v2 as a string that may be a range.
    const PortRange host = parse_port_range(r.optional_text(node, "published"), where);
    mapping.host_port = host.first;
    mapping.host_port_end = host.last;
    mapping.host_ip = r.optional_text(node, "host_ip");
    const std::string protocol = r.optional_text(node, "protocol");
    if (!protocol.empty()) mapping.protocol = protocol;
    return mapping;
}

std::vector<PortMapping> read_ports(const Reader& r, const YAML::Node& node) {
    std::vector<PortMapping> result;
    if (!node || node.IsNull()) return result;
    if (!node.IsSequence()) r.fail(node, "ports must be a list");
    for (const auto& item : node) {
        if (item.IsMap()) {
            result.push_back(read_long_port(r, item));
        } else {
            result.push_back(parse_short_port(r.text(item, "port"), r.at(item)));
        }
    }
    return result;
}

std::vector<int> read_expose(const Reader& r, const YAML::Node& node) {
    std::vector<int> result;
    if (!node || node.IsNull()) return result;
    if (!node.IsSequence()) r.fail(node, "expose must be a list");
    for (const auto& item : node) {
        for (int port : parse_expose(r.text(item, "exposed port"), r.at(item))) result.push_back(port);
    }
    return result;
}

// The host side of each volume, the part a rule about mounted sockets looks at.
std::vector<std::string> read_volume_sources(const Reader& r, const YAML::Node& node) {
    std::vector<std::string> result;
    if (!node || node.IsNull()) return result;
    if (!node.IsSequence()) r.fail(node, "volumes must be a list");
    for (const auto& item : node) {
        if (item.IsMap()) {
            const std::string source = r.optional_text(item, "source");
            if (!source.empty()) result.push_back(source);
            continue;
        }
        const std::string spec = r.text(item, "volume");
        const auto colon = spec.find(':');
        if (colon != std::string::npos) result.push_back(spec.substr(0, colon));  // else anonymous
    }
    return result;
}

ComposeService read_service(const Reader& r, const YAML::Node& key, const YAML::Node& node) {
    ComposeService service;
    service.name = r.text(key, "service name");
    service.where = r.at(key);
    if (!node || node.IsNull()) return service;
    r.expect_map(node, "service '" + service.name + "'");
    service.image = r.optional_text(node, "image");
    service.has_build = static_cast<bool>(node["build"]);
    service.networks = read_attachments(r, node["networks"]);
    service.ports = read_ports(r, node["ports"]);
    service.expose = read_expose(r, node["expose"]);
    service.network_mode = r.optional_text(node, "network_mode");
    service.links = r.names(node["links"], "links");
    service.profiles = r.names(node["profiles"], "profiles");
    service.depends_on = r.names(node["depends_on"], "depends_on");
    service.hostname = r.optional_text(node, "hostname");
    service.domainname = r.optional_text(node, "domainname");
    service.container_name = r.optional_text(node, "container_name");
    service.volumes = read_volume_sources(r, node["volumes"]);
    return service;
}

std::map<std::string, std::string> read_string_map(const Reader& r, const YAML::Node& node,
                                                   const std::string& what) {
    std::map<std::string, std::string> result;
    if (!node || node.IsNull()) return result;
    r.expect_map(node, what);
    for (const auto& item : node) result[r.text(item.first, what + " key")] = r.text(item.second, what + " value");
    return result;
}

ComposeNetwork read_network(const Reader& r, const YAML::Node& key, const YAML::Node& node) {
    ComposeNetwork network;
    network.key = r.text(key, "network name");
    network.where = r.at(key);
    if (!node || node.IsNull()) return network;
    r.expect_map(node, "network '" + network.key + "'");
    network.name = r.optional_text(node, "name");
    network.internal = r.flag(node["internal"], "internal");
    network.driver = r.optional_text(node, "driver");
    network.driver_opts = read_string_map(r, node["driver_opts"], "driver_opts");
    const YAML::Node external = node["external"];
    if (external && external.IsMap()) {
        // Legacy `external: {name: x}`; compose 1.29 renders it as `external: true` + `name: x`.
        network.external = true;
        const std::string name = r.optional_text(external, "name");
        if (!name.empty()) network.name = name;
    } else {
        network.external = r.flag(external, "external");
    }
    return network;
}

YAML::Node load(const std::string& yaml_text, const std::string& file_label) {
    try {
        return YAML::Load(yaml_text);
    } catch (const YAML::Exception& e) {
        const SourceLocation where{file_label, e.mark.line < 0 ? 0 : e.mark.line + 1,
                                   e.mark.column < 0 ? 0 : e.mark.column + 1};
        throw InputError(where, "not valid YAML: " + e.msg);
    }
}

}  // namespace

ComposeModel parse_compose_config(const std::string& yaml_text, const std::string& file_label) {
    const Reader r(file_label);
    const YAML::Node root = load(yaml_text, file_label);
    ComposeModel model;
    if (!root || root.IsNull()) throw InputError(SourceLocation{file_label}, "the compose document is empty");
    r.expect_map(root, "a compose document");

    const YAML::Node services = root["services"];
    if (services && !services.IsNull()) {
        r.expect_map(services, "services");
        for (const auto& item : services) model.services.push_back(read_service(r, item.first, item.second));
    }
    const YAML::Node networks = root["networks"];
    if (networks && !networks.IsNull()) {
        r.expect_map(networks, "networks");
        for (const auto& item : networks) model.networks.push_back(read_network(r, item.first, item.second));
    }
    // compose 1.29 leaves the implicit default network out of its rendering; v2 writes it.
    model.add_implicit_default_network();
    return model;
}

}  // namespace meshprobe
