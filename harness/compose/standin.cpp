#include "compose/standin.h"

#include <algorithm>
#include <yaml-cpp/yaml.h>

#include "core/errors.h"
#include "core/probe_limits.h"

namespace meshprobe {
namespace {

// Heads the generated file, so whoever opens it learns why it is not an override.
constexpr const char* kHeader =
    "meshprobe stand-in stack: the application's network topology, every service replaced by\n"
    "the probe. A complete file rather than an override, because an override cannot remove\n"
    "the application's env_file, volumes, build or secrets, which need files absent here.";

// The model holds values already interpolated; compose would interpolate this file again.
std::string escaped(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '$') out += '$';
        out += c;
    }
    return out;
}

// Every value is written quoted: compose v1 reads YAML 1.1, where an unquoted "8001", "no" or
// "80:80" would change type.
void quoted(YAML::Emitter& out, const std::string& text) { out << YAML::DoubleQuoted << escaped(text); }

void entry(YAML::Emitter& out, const std::string& key, const std::string& value) {
    if (value.empty()) return;
    out << YAML::Key << key << YAML::Value;
    quoted(out, value);
}

void string_list(YAML::Emitter& out, const std::string& key, const std::vector<std::string>& items) {
    out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& item : items) quoted(out, item);
    out << YAML::EndSeq;
}

std::string range(int first, int last) {
    return last > first ? std::to_string(first) + "-" + std::to_string(last) : std::to_string(first);
}

// The short syntax, because compose 1.29 renders a published range in the long syntax as
// `published: 6005-6015` and then refuses to read it back; v1 and v2 read this one alike.
std::string short_port(const PortMapping& port) {
    std::string spec;
    if (port.host_ip.find(':') != std::string::npos) {
        spec = "[" + port.host_ip + "]:";
    } else if (!port.host_ip.empty()) {
        spec = port.host_ip + ":";
    }
    if (port.host_port != 0) {
        spec += range(port.host_port, std::max(port.host_port, port.host_port_end)) + ":";
    } else if (!port.host_ip.empty()) {
        spec += ":";  // an ephemeral port on that address
    }
    return spec + range(port.container_port, std::max(port.container_port, port.container_port_end)) + "/" +
           port.protocol;
}

// The engine refuses sysctls and dns in a namespace the container does not own.
bool owns_network_namespace(const StackService& service) { return service.mode().own_namespace(); }

std::vector<std::string> probe_command(const std::string& name, const StandinOptions& options) {
    std::vector<std::string> command = {"serve", "--name", name};
    if (const auto ports = options.ports_by_service.find(name); ports != options.ports_by_service.end()) {
        for (int port : ports->second) {
            command.push_back("--port");
            command.push_back(std::to_string(port));
        }
    }
    return command;
}

void emit_networks(YAML::Emitter& out, const StackService& service) {
    if (service.networks.empty()) return;
    out << YAML::Key << "networks" << YAML::Value << YAML::BeginMap;
    for (const auto& attachment : service.networks) {
        out << YAML::Key;
        quoted(out, attachment.network);
        out << YAML::Value << YAML::BeginMap;
        if (!attachment.aliases.empty()) string_list(out, "aliases", attachment.aliases);
        entry(out, "ipv4_address", attachment.ipv4_address);
        entry(out, "ipv6_address", attachment.ipv6_address);
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
}

void emit_service(YAML::Emitter& out, const StackService& service,
                  const StandinOptions& options) {
    out << YAML::Key;
    quoted(out, service.name);
    out << YAML::Value << YAML::BeginMap;
    entry(out, "image", options.image);
    string_list(out, "entrypoint", {"/probe"});
    string_list(out, "command", probe_command(service.name, options));
    entry(out, "hostname", service.hostname);
    entry(out, "domainname", service.domainname);
    entry(out, "container_name", service.container_name);
    entry(out, "network_mode", service.network_mode);
    emit_networks(out, service);
    if (!service.ports.empty()) {
        std::vector<std::string> ports;
        for (const auto& port : service.ports) ports.push_back(short_port(port));
        string_list(out, "ports", ports);
    }
    if (!service.expose.empty()) {
        std::vector<std::string> expose;
        for (int port : service.expose) expose.push_back(std::to_string(port));
        string_list(out, "expose", expose);
    }
    if (!service.links.empty()) string_list(out, "links", service.links);
    // A plain list: a stand-in has no health to wait for.
    if (!service.depends_on.empty()) string_list(out, "depends_on", service.depends_on);
    if (!service.extra_hosts.empty()) string_list(out, "extra_hosts", service.extra_hosts);
    if (service.replicas) {
        out << YAML::Key << "deploy" << YAML::Value << YAML::BeginMap << YAML::Key << "replicas" << YAML::Value
            << *service.replicas << YAML::EndMap;
    }

    out << YAML::Key << "healthcheck" << YAML::Value << YAML::BeginMap << YAML::Key << "disable" << YAML::Value
        << true << YAML::EndMap;
    out << YAML::Key << "read_only" << YAML::Value << true;
    entry(out, "user", "65534:65534");
    string_list(out, "cap_drop", {"ALL"});
    string_list(out, "security_opt", {"no-new-privileges:true"});
    // Plain numbers (bytes, processes): compose 1.29 and v2 read them alike.
    out << YAML::Key << "mem_limit" << YAML::Value << kProbeMemoryBytes;
    out << YAML::Key << "pids_limit" << YAML::Value << kProbePidsLimit;
    if (owns_network_namespace(service)) {
        // Docker's embedded DNS forwards names it does not know to these servers; the
        // container's own loopback keeps every such lookup on this machine.
        string_list(out, "dns", {"127.0.0.1"});
        // Lets the unprivileged probe listen on the service's ports below 1024.
        out << YAML::Key << "sysctls" << YAML::Value << YAML::BeginMap << YAML::Key
            << "net.ipv4.ip_unprivileged_port_start" << YAML::Value << 0 << YAML::EndMap;
    }
    out << YAML::Key << "labels" << YAML::Value << YAML::BeginMap;
    for (const auto& [key, value] : options.labels) entry(out, key, value);
    out << YAML::EndMap;
    entry(out, "restart", "no");
    out << YAML::EndMap;
}

void emit_network(YAML::Emitter& out, const StackNetwork& network) {
    out << YAML::Key;
    quoted(out, network.key);
    out << YAML::Value << YAML::BeginMap;
    entry(out, "name", network.name);
    if (network.external) {
        // compose allows nothing else beside `external`.
        out << YAML::Key << "external" << YAML::Value << true << YAML::EndMap;
        return;
    }
    entry(out, "driver", network.driver);
    if (!network.driver_opts.empty()) {
        out << YAML::Key << "driver_opts" << YAML::Value << YAML::BeginMap;
        for (const auto& [key, value] : network.driver_opts) entry(out, key, value);
        out << YAML::EndMap;
    }
    if (network.internal) out << YAML::Key << "internal" << YAML::Value << true;
    if (network.enable_ipv6) out << YAML::Key << "enable_ipv6" << YAML::Value << true;
    if (network.attachable) out << YAML::Key << "attachable" << YAML::Value << true;
    if (!network.ipam_driver.empty() || !network.ipam_pools.empty()) {
        out << YAML::Key << "ipam" << YAML::Value << YAML::BeginMap;
        entry(out, "driver", network.ipam_driver);
        if (!network.ipam_pools.empty()) {
            out << YAML::Key << "config" << YAML::Value << YAML::BeginSeq;
            for (const auto& pool : network.ipam_pools) {
                out << YAML::BeginMap;
                entry(out, "subnet", pool.subnet);
                entry(out, "ip_range", pool.ip_range);
                entry(out, "gateway", pool.gateway);
                out << YAML::EndMap;
            }
            out << YAML::EndSeq;
        }
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
}

}  // namespace

std::string render_standin_compose(const StackModel& model, const StandinOptions& options) {
    YAML::Emitter out;
    out << YAML::Comment(kHeader) << YAML::Newline;
    // No `version:` and no `name:`: compose 1.29 then reads the file as the compose
    // specification, as v2 does, and the runner always passes the project name.
    out << YAML::BeginMap;
    out << YAML::Key << "services" << YAML::Value << YAML::BeginMap;
    for (const auto& service : model.services) emit_service(out, service, options);
    out << YAML::EndMap;
    if (!model.networks.empty()) {
        out << YAML::Key << "networks" << YAML::Value << YAML::BeginMap;
        for (const auto& network : model.networks) emit_network(out, network);
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    if (!out.good()) throw InputError("cannot write the stand-in compose file: " + out.GetLastError());
    return std::string(out.c_str()) + "\n";
}

}  // namespace meshprobe
