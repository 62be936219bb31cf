#include "composefile/service_reader.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <array>
#include <string_view>

#include "compose/port_syntax.h"
#include "composefile/yaml_values.h"
#include "core/errors.h"

namespace meshprobe {
namespace {

// The service fields of the compose specification (and of the 2.x formats compose still reads).
constexpr std::string_view kServiceFields[] = {
    "annotations", "attach", "blkio_config", "build", "cap_add", "cap_drop", "cgroup", "cgroup_parent",
    "command", "configs", "container_name", "cpu_count", "cpu_percent", "cpu_period", "cpu_quota",
    "cpu_rt_period", "cpu_rt_runtime", "cpu_shares", "cpus", "cpuset", "credential_spec", "depends_on",
    "deploy", "develop", "device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search", "domainname",
    "entrypoint", "env_file", "environment", "expose", "extends", "external_links", "extra_hosts", "gpus",
    "group_add", "healthcheck", "hostname", "image", "init", "ipc", "isolation", "label_file", "labels",
    "links", "logging", "mac_address", "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit",
    "models", "network_mode", "networks", "oom_kill_disable", "oom_score_adj", "pid", "pids_limit",
    "platform", "ports", "post_start", "pre_stop", "privileged", "profiles", "provider", "pull_policy",
    "pull_refresh_after", "read_only", "restart", "runtime", "scale", "secrets", "security_opt",
    "shm_size", "stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "sysctls", "tmpfs",
    "tty", "ulimits", "use_api_socket", "user", "userns_mode", "uts", "volume_driver", "volumes",
    "volumes_from", "working_dir",
};

bool known_field(std::string_view key) {
    if (key.rfind("x-", 0) == 0) return true;
    return std::find(std::begin(kServiceFields), std::end(kServiceFields), key) != std::end(kServiceFields);
}

NetworkAttachment read_attachment(const YamlNode& key, const YamlNode* value) {
    NetworkAttachment attachment;
    attachment.network = text_of(key, "network name");
    attachment.where = key.where();
    if (!value || value->is_null()) return attachment;
    expect_mapping(*value, "network attachment '" + attachment.network + "'");
    attachment.aliases = names_of(value->find("aliases"), "aliases");
    attachment.ipv4_address = optional_text(value->find("ipv4_address"), "ipv4_address");
    attachment.ipv6_address = optional_text(value->find("ipv6_address"), "ipv6_address");
    return attachment;
}

std::vector<NetworkAttachment> read_attachments(const YamlNode& node) {
    std::vector<NetworkAttachment> result;
    if (node.is_sequence()) {
        for (const auto& item : node.items) result.push_back(read_attachment(item, nullptr));
    } else if (node.is_mapping()) {
        for (const auto& entry : node.entries) result.push_back(read_attachment(entry.key, &entry.value));
    } else if (!node.is_null()) {
        fail_at(node, "networks must be a list or a mapping");
    }
    return result;
}

PortMapping read_long_port(const YamlNode& node) {
    const SourceLocation where = node.where();
    for (const auto& entry : node.entries) {
        static constexpr std::array<std::string_view, 7> fields = {"target", "published", "host_ip", "protocol",
                                                                   "mode", "name", "app_protocol"};
        if (std::find(fields.begin(), fields.end(), entry.key.scalar) == fields.end() &&
            entry.key.scalar.rfind("x-", 0) != 0) {
            fail_at(entry.key, "unknown port field '" + entry.key.scalar + "'");
        }
    }
    PortMapping mapping;
    mapping.where = where;
    const PortRange target = parse_port_range(optional_text(node.find("target"), "ports target"), where);
    if (target.first == 0) fail_at(node, "a long-syntax port needs a target");
    mapping.container_port = target.first;
    mapping.container_port_end = target.last;
    const PortRange host = parse_port_range(optional_text(node.find("published"), "ports published"), where);
    mapping.host_port = host.first;
    mapping.host_port_end = host.last;
    mapping.host_ip = optional_text(node.find("host_ip"), "host_ip");
    const std::string protocol = optional_text(node.find("protocol"), "protocol");
    if (!protocol.empty()) mapping.protocol = protocol;
    return mapping;
}

std::vector<PortMapping> read_ports(const YamlNode& node) {
    std::vector<PortMapping> result;
    if (node.is_null()) return result;
    if (!node.is_sequence()) fail_at(node, "ports must be a list");
    for (const auto& item : node.items) {
        const PortMapping mapping =
            item.is_mapping() ? read_long_port(item) : parse_short_port(text_of(item, "port"), item.where());
        for (PortMapping& one : expand_port_range(mapping)) result.push_back(std::move(one));
    }
    return result;
}

std::vector<int> read_expose(const YamlNode& node) {
    std::vector<int> result;
    if (node.is_null()) return result;
    if (!node.is_sequence()) fail_at(node, "expose must be a list");
    for (const auto& item : node.items) {
        for (int port : parse_expose(text_of(item, "exposed port"), item.where())) result.push_back(port);
    }
    return result;
}

// The host side of each volume, the part the rule about mounted sockets looks at, its line and
// where the container sees it.
std::vector<std::string> read_volume_sources(const YamlNode& node, std::map<std::string, SourceLocation>& where,
                                             std::map<std::string, std::string>& target) {
    std::vector<std::string> result;
    if (node.is_null()) return result;
    if (!node.is_sequence()) fail_at(node, "volumes must be a list");
    for (const auto& item : node.items) {
        if (item.is_mapping()) {
            const std::string source = optional_text(item.find("source"), "volume source");
            if (!source.empty()) {
                result.push_back(source);
                where.emplace(source, item.where());
                target.emplace(source, optional_text(item.find("target"), "volume target"));
            }
            continue;
        }
        const std::string spec = text_of(item, "volume");
        const auto colon = spec.find(':');
        if (colon == std::string::npos) continue;  // anonymous
        const std::string container_path = spec.substr(colon + 1, spec.find(':', colon + 1) - colon - 1);
        if (colon == 0 || container_path.empty()) {
            // compose v2 refuses it; a blank variable in the source is the usual cause.
            fail_at(item, "invalid volume '" + spec + "': empty section between colons (is a variable unset?)");
        }
        result.push_back(spec.substr(0, colon));
        where.emplace(result.back(), item.where());
        target.emplace(result.back(), container_path);
    }
    return result;
}

// A list of "name:address" (or "name=address"), or a mapping of name to address(es).
std::vector<std::string> read_extra_hosts(const YamlNode& node) {
    std::vector<std::string> result;
    if (node.is_null()) return result;
    if (node.is_sequence()) {
        for (const auto& item : node.items) {
            std::string entry = text_of(item, "extra_hosts entry");
            const auto equals = entry.find('=');
            if (equals != std::string::npos) entry[equals] = ':';
            result.push_back(entry);
        }
        return result;
    }
    expect_mapping(node, "extra_hosts");
    for (const auto& entry : node.entries) {
        if (entry.value.is_sequence()) {
            for (const auto& address : entry.value.items) {
                result.push_back(entry.key.scalar + ":" + text_of(address, "extra_hosts address"));
            }
        } else {
            result.push_back(entry.key.scalar + ":" + text_of(entry.value, "extra_hosts address"));
        }
    }
    return result;
}

// Every scalar under a node, a mapping's entries as "key=value".
void collect_text(const YamlNode& node, std::vector<std::string>& out) {
    if (node.is_scalar()) {
        out.push_back(node.scalar);
    } else if (node.is_sequence()) {
        for (const YamlNode& item : node.items) collect_text(item, out);
    } else if (node.is_mapping()) {
        for (const YamlEntry& entry : node.entries) {
            if (entry.value.is_scalar()) {
                out.push_back(entry.key.scalar + "=" + entry.value.scalar);
            } else {
                collect_text(entry.value, out);
            }
        }
    }
}

// `env_file`: a path, a list of paths, or of {path, required}; relative to the naming file.
std::vector<std::pair<std::string, bool>> read_env_files(const YamlNode& node) {
    std::vector<std::pair<std::string, bool>> out;
    auto add = [&](const YamlNode& item, const std::string& path, bool required) {
        std::filesystem::path p(path);
        if (p.is_relative()) p = std::filesystem::path(item.where().file).parent_path() / p;
        out.emplace_back(p.lexically_normal().string(), required);
    };
    if (node.is_scalar()) add(node, text_of(node, "env_file"), true);
    if (!node.is_sequence()) return out;
    for (const YamlNode& item : node.items) {
        if (item.is_mapping()) {
            const YamlNode* required = item.find("required");
            add(item, optional_text(item.find("path"), "env_file path"),
                !required || !required->is_scalar() || required->scalar != "false");
        } else {
            add(item, text_of(item, "env_file entry"), true);
        }
    }
    return out;
}

int read_replicas(const YamlNode& node, const std::string& what) {
    const std::string text = text_of(node, what);
    int value = -1;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 0) {
        fail_at(node, what + " must be a whole number, not '" + text + "'");
    }
    return value;
}

ExtendsReference read_extends(const YamlNode& node) {
    ExtendsReference reference;
    reference.where = node.where();
    if (node.is_scalar()) {
        reference.service = node.scalar;
        return reference;
    }
    expect_mapping(node, "extends");
    reference.service = optional_text(node.find("service"), "extends service");
    reference.file = optional_text(node.find("file"), "extends file");
    if (reference.service.empty()) fail_at(node, "extends needs a service");
    return reference;
}

void read_field(const YamlNode& key, const YamlNode& value, ServiceDraft& draft) {
    StackService& s = draft.service;
    const std::string& field = key.scalar;
    if (field == "image") {
        s.image = text_of(value, "image");
    } else if (field == "build") {
        s.has_build = !value.is_null();
    } else if (field == "networks") {
        s.networks = read_attachments(value);
    } else if (field == "ports") {
        s.ports = read_ports(value);
    } else if (field == "expose") {
        s.expose = read_expose(value);
    } else if (field == "network_mode") {
        s.network_mode = text_of(value, "network_mode");
    } else if (field == "links") {
        s.links = names_of(&value, "links");
    } else if (field == "profiles") {
        s.profiles = names_of(&value, "profiles");
    } else if (field == "depends_on") {
        s.depends_on = names_of(&value, "depends_on");
    } else if (field == "hostname") {
        s.hostname = text_of(value, "hostname");
    } else if (field == "domainname") {
        s.domainname = text_of(value, "domainname");
    } else if (field == "container_name") {
        s.container_name = text_of(value, "container_name");
    } else if (field == "volumes") {
        s.volumes = read_volume_sources(value, s.volume_where, s.volume_target);
    } else if (field == "environment" || field == "command" || field == "entrypoint" || field == "labels") {
        collect_text(value, s.mentions);
    } else if (field == "env_file") {
        s.env_files = read_env_files(value);
    } else if (field == "healthcheck") {
        if (const YamlNode* test = value.is_mapping() ? value.find("test") : nullptr) collect_text(*test, s.healthcheck);
    } else if (field == "extra_hosts") {
        s.extra_hosts = read_extra_hosts(value);
    } else if (field == "scale") {
        s.replicas = read_replicas(value, "scale");
    } else if (field == "deploy") {
        if (value.is_mapping()) {
            if (const YamlNode* replicas = value.find("replicas"); replicas && !replicas->is_null())
                s.replicas = read_replicas(*replicas, "deploy.replicas");
        } else if (!value.is_null()) {
            fail_at(value, "deploy must be a mapping");
        }
    } else if (field == "extends") {
        draft.extends = read_extends(value);
    }
}

}  // namespace

ServiceDraft read_service(const YamlEntry& entry) {
    ServiceDraft draft;
    draft.service.name = text_of(entry.key, "service name");
    draft.service.where = entry.key.where();
    const YamlNode& body = entry.value;
    if (body.is_null()) return draft;
    expect_mapping(body, "service '" + draft.service.name + "'");
    for (const auto& field : body.entries) {
        if (!known_field(field.key.scalar)) {
            fail_at(field.key, "service '" + draft.service.name + "' has an unknown field '" + field.key.scalar + "'");
        }
        if (field.value.tag == YamlNode::Tag::reset) {
            draft.reset.insert(field.key.scalar);
            continue;
        }
        if (field.value.tag == YamlNode::Tag::override) draft.replaced.insert(field.key.scalar);
        read_field(field.key, field.value, draft);
    }
    return draft;
}

}  // namespace meshprobe
