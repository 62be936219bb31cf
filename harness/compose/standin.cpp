#include "compose/standin.h"

#include <yaml-cpp/yaml.h>

#include "core/errors.h"

namespace meshprobe {
namespace {

// Heads the generated file, so whoever opens it learns why it is not an override.
constexpr const char* kHeader =
    "meshprobe stand-in stack: the application's network topology, every service replaced by\n"
    "the probe. A complete file rather than an override, because an override cannot remove\n"
    "the application's env_file, volumes, build or secrets, which need files absent here.";

// The service keys that decide who can reach whom and under which names; all else is dropped.
const std::vector<std::string> kTopologyKeys = {
    "networks", "network_mode", "ports", "expose", "links", "hostname", "domainname",
    "container_name", "extra_hosts", "dns_search", "dns_opt", "profiles", "scale", "deploy",
};

// Writes a node as it was read. Quoted scalars stay quoted: compose reads with YAML 1.1, where
// an unquoted "8001", "false" or "80:80" would change type.
void emit(YAML::Emitter& out, const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Map:
            out << YAML::BeginMap;
            for (const auto& item : node) {
                out << YAML::Key;
                emit(out, item.first);
                out << YAML::Value;
                emit(out, item.second);
            }
            out << YAML::EndMap;
            break;
        case YAML::NodeType::Sequence:
            out << YAML::BeginSeq;
            for (const auto& item : node) emit(out, item);
            out << YAML::EndSeq;
            break;
        case YAML::NodeType::Scalar:
            if (node.Tag() == "!") out << YAML::DoubleQuoted;
            out << node.Scalar();
            break;
        default:
            out << YAML::Null;
    }
}

void quoted(YAML::Emitter& out, const std::string& text) { out << YAML::DoubleQuoted << text; }

std::string scalar_or_empty(const YAML::Node& node) { return node && node.IsScalar() ? node.Scalar() : ""; }

// compose 1.29 renders a host port range ("6005-6015:80") as `published: 6005-6015`, which it
// then refuses to read back; the short syntax means the same to v1 and v2.
void emit_ports(YAML::Emitter& out, const YAML::Node& ports) {
    if (!ports.IsSequence()) {
        emit(out, ports);
        return;
    }
    out << YAML::BeginSeq;
    for (const auto& port : ports) {
        const std::string published = port.IsMap() ? scalar_or_empty(port["published"]) : "";
        if (published.find('-') == std::string::npos) {
            emit(out, port);
            continue;
        }
        const std::string host_ip = scalar_or_empty(port["host_ip"]);
        const std::string protocol = scalar_or_empty(port["protocol"]);
        std::string spec;
        if (host_ip.find(':') != std::string::npos) {
            spec = "[" + host_ip + "]:";  // IPv6
        } else if (!host_ip.empty()) {
            spec = host_ip + ":";
        }
        spec += published + ":" + scalar_or_empty(port["target"]);
        if (!protocol.empty()) spec += "/" + protocol;
        quoted(out, spec);
    }
    out << YAML::EndSeq;
}

void emit_string_list(YAML::Emitter& out, const std::vector<std::string>& items) {
    out << YAML::Flow << YAML::BeginSeq;
    for (const auto& item : items) quoted(out, item);
    out << YAML::EndSeq;
}

// depends_on as a plain list: a stand-in has no health to wait for.
std::vector<std::string> dependency_names(const YAML::Node& node) {
    std::vector<std::string> names;
    if (node.IsSequence()) {
        for (const auto& item : node) names.push_back(item.Scalar());
    } else if (node.IsMap()) {
        for (const auto& item : node) names.push_back(item.first.Scalar());
    }
    return names;
}

std::map<std::string, std::string> merged_labels(const YAML::Node& original,
                                                 const std::map<std::string, std::string>& added) {
    std::map<std::string, std::string> labels;
    if (original && original.IsMap()) {
        for (const auto& item : original) labels[item.first.Scalar()] = item.second.Scalar();
    } else if (original && original.IsSequence()) {  // ["key=value", ...]
        for (const auto& item : original) {
            const std::string entry = item.Scalar();
            const auto eq = entry.find('=');
            labels[entry.substr(0, eq)] = eq == std::string::npos ? "" : entry.substr(eq + 1);
        }
    }
    for (const auto& [key, value] : added) labels[key] = value;
    return labels;
}

// The engine refuses sysctls in a namespace the container does not own.
bool owns_network_namespace(const YAML::Node& service) {
    const YAML::Node mode = service["network_mode"];
    if (!mode || !mode.IsScalar()) return true;
    const std::string text = mode.Scalar();
    return text != "host" && text.rfind("service:", 0) != 0 && text.rfind("container:", 0) != 0;
}

std::vector<std::string> probe_command(const std::string& name, const std::vector<int>& ports) {
    std::vector<std::string> command = {"serve", "--name", name};
    for (int port : ports) {
        command.push_back("--port");
        command.push_back(std::to_string(port));
    }
    return command;
}

void emit_service(YAML::Emitter& out, const std::string& name, const YAML::Node& service,
                  const StandinOptions& options) {
    out << YAML::Key << name << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "image" << YAML::Value;
    quoted(out, options.image);
    out << YAML::Key << "entrypoint" << YAML::Value;
    emit_string_list(out, {"/probe"});
    const auto ports = options.ports_by_service.find(name);
    out << YAML::Key << "command" << YAML::Value;
    emit_string_list(out, probe_command(name, ports == options.ports_by_service.end()
                                                   ? std::vector<int>{}
                                                   : ports->second));

    for (const auto& key : kTopologyKeys) {
        const YAML::Node value = service[key];
        if (!value) continue;
        out << YAML::Key << key << YAML::Value;
        if (key == "ports") {
            emit_ports(out, value);
        } else {
            emit(out, value);
        }
    }
    if (const YAML::Node depends_on = service["depends_on"]) {
        out << YAML::Key << "depends_on" << YAML::Value;
        emit_string_list(out, dependency_names(depends_on));
    }

    out << YAML::Key << "healthcheck" << YAML::Value << YAML::BeginMap
        << YAML::Key << "disable" << YAML::Value << true << YAML::EndMap;
    out << YAML::Key << "read_only" << YAML::Value << true;
    out << YAML::Key << "user" << YAML::Value;
    quoted(out, "65534:65534");
    out << YAML::Key << "cap_drop" << YAML::Value;
    emit_string_list(out, {"ALL"});
    out << YAML::Key << "security_opt" << YAML::Value;
    emit_string_list(out, {"no-new-privileges:true"});
    if (owns_network_namespace(service)) {
        // Docker's embedded DNS forwards names it does not know to these servers; the
        // container's own loopback keeps every such lookup on this machine.
        out << YAML::Key << "dns" << YAML::Value;
        emit_string_list(out, {"127.0.0.1"});
        // Lets the unprivileged probe listen on the service's ports below 1024.
        out << YAML::Key << "sysctls" << YAML::Value << YAML::BeginMap
            << YAML::Key << "net.ipv4.ip_unprivileged_port_start" << YAML::Value << 0 << YAML::EndMap;
    }
    out << YAML::Key << "labels" << YAML::Value << YAML::BeginMap;
    for (const auto& [key, value] : merged_labels(service["labels"], options.labels)) {
        out << YAML::Key << key << YAML::Value;
        quoted(out, value);
    }
    out << YAML::EndMap;
    out << YAML::Key << "restart" << YAML::Value;
    quoted(out, "no");
    out << YAML::EndMap;
}

YAML::Node load_document(const std::string& rendered_yaml) {
    YAML::Node root;
    try {
        root = YAML::Load(rendered_yaml);
    } catch (const YAML::Exception& e) {
        throw InputError("rendered compose configuration is not valid YAML: " + e.msg);
    }
    if (!root.IsMap()) throw InputError("rendered compose configuration is not a mapping");
    return root;
}

}  // namespace

std::string render_standin_compose(const std::string& rendered_yaml, const StandinOptions& options) {
    const YAML::Node root = load_document(rendered_yaml);
    YAML::Emitter out;
    out << YAML::Comment(kHeader) << YAML::Newline;
    out << YAML::BeginMap;
    // compose 1.29 renders `version:` and needs it back; v2 renders none. A top-level `name:`
    // (v2) is dropped: 1.29 refuses it and the runner always passes the project name.
    // Legacy files (no `services:`) render as version '1', which compose refuses next to
    // `services:`; without a version 1.29 reads the file as the compose spec, which has every
    // key the stand-in keeps (legacy services come out with `network_mode: bridge`).
    if (const YAML::Node version = root["version"]; version && version.Scalar() != "1") {
        out << YAML::Key << "version" << YAML::Value;
        quoted(out, version.Scalar());
    }
    out << YAML::Key << "services" << YAML::Value << YAML::BeginMap;
    if (const YAML::Node services = root["services"]; services && services.IsMap()) {
        for (const auto& item : services) emit_service(out, item.first.Scalar(), item.second, options);
    }
    out << YAML::EndMap;
    if (const YAML::Node networks = root["networks"]) {
        out << YAML::Key << "networks" << YAML::Value;
        emit(out, networks);
    }
    out << YAML::EndMap;
    if (!out.good()) throw InputError("cannot write the stand-in compose file: " + out.GetLastError());
    return std::string(out.c_str()) + "\n";
}

}  // namespace meshprobe
