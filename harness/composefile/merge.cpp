#include "composefile/merge.h"

#include <algorithm>

namespace meshprobe {
namespace {

template <typename T>
void append_unique(std::vector<T>& base, const std::vector<T>& more) {
    for (const auto& item : more) {
        if (std::find(base.begin(), base.end(), item) == base.end()) base.push_back(item);
    }
}

bool same_port(const PortMapping& a, const PortMapping& b) {
    return a.host_ip == b.host_ip && a.host_port == b.host_port && a.host_port_end == b.host_port_end &&
           a.container_port == b.container_port && a.container_port_end == b.container_port_end &&
           a.protocol == b.protocol && a.published == b.published;
}

void merge_ports(std::vector<PortMapping>& base, const std::vector<PortMapping>& more) {
    for (const auto& port : more) {
        const auto same = [&port](const PortMapping& p) { return same_port(p, port); };
        const auto it = std::find_if(base.begin(), base.end(), same);
        if (it == base.end()) {
            base.push_back(port);
        } else {
            it->where = port.where;
        }
    }
}

void merge_attachments(std::vector<NetworkAttachment>& base, const std::vector<NetworkAttachment>& more) {
    for (const auto& attachment : more) {
        auto it = std::find_if(base.begin(), base.end(),
                               [&](const NetworkAttachment& a) { return a.network == attachment.network; });
        if (it == base.end()) {
            base.push_back(attachment);
            continue;
        }
        append_unique(it->aliases, attachment.aliases);
        if (!attachment.ipv4_address.empty()) it->ipv4_address = attachment.ipv4_address;
        if (!attachment.ipv6_address.empty()) it->ipv6_address = attachment.ipv6_address;
        it->where = attachment.where;
    }
}

void replace_if_set(std::string& base, const std::string& override) {
    if (!override.empty()) base = override;
}

// Clears the fields the override resets or replaces, so that the merge below only adds.
void clear_fields(StackService& s, const std::set<std::string>& fields) {
    for (const auto& field : fields) {
        if (field == "networks") s.networks.clear();
        else if (field == "ports") s.ports.clear();
        else if (field == "expose") s.expose.clear();
        else if (field == "links") s.links.clear();
        else if (field == "profiles") s.profiles.clear();
        else if (field == "depends_on") s.depends_on.clear();
        else if (field == "volumes") {
            s.volumes.clear();
            s.volume_where.clear();
            s.volume_target.clear();
        }
        else if (field == "extra_hosts") s.extra_hosts.clear();
        else if (field == "healthcheck") s.healthcheck.clear();
        else if (field == "image") s.image.clear();
        else if (field == "build") s.has_build = false;
        else if (field == "network_mode") s.network_mode.clear();
        else if (field == "hostname") s.hostname.clear();
        else if (field == "domainname") s.domainname.clear();
        else if (field == "container_name") s.container_name.clear();
        else if (field == "scale" || field == "deploy") s.replicas.reset();
    }
}

}  // namespace

void merge_service(ServiceDraft& base, const ServiceDraft& override) {
    StackService& s = base.service;
    const StackService& o = override.service;
    clear_fields(s, override.reset);
    clear_fields(s, override.replaced);
    s.where = o.where;
    replace_if_set(s.image, o.image);
    s.has_build = s.has_build || o.has_build;
    merge_attachments(s.networks, o.networks);
    merge_ports(s.ports, o.ports);
    append_unique(s.expose, o.expose);
    replace_if_set(s.network_mode, o.network_mode);
    append_unique(s.links, o.links);
    append_unique(s.profiles, o.profiles);
    append_unique(s.depends_on, o.depends_on);
    replace_if_set(s.hostname, o.hostname);
    replace_if_set(s.domainname, o.domainname);
    replace_if_set(s.container_name, o.container_name);
    append_unique(s.volumes, o.volumes);
    for (const auto& [source, where] : o.volume_where) s.volume_where.insert_or_assign(source, where);
    for (const auto& [source, target] : o.volume_target) s.volume_target.insert_or_assign(source, target);
    append_unique(s.extra_hosts, o.extra_hosts);
    s.mentions.insert(s.mentions.end(), o.mentions.begin(), o.mentions.end());
    append_unique(s.env_files, o.env_files);
    if (!o.healthcheck.empty()) s.healthcheck = o.healthcheck;  // compose replaces the test as a whole
    if (o.replicas) s.replicas = o.replicas;
}

// compose v2 merges a network a later file declares again field by field: what the later file
// sets wins and the rest stays, `name:` and `internal: true` included (compose 1.29 replaced the
// whole declaration, an override with only `ipam:` then dropped the base's name).
void merge_network(NetworkDraft& base, const NetworkDraft& override) {
    StackNetwork& b = base.network;
    const StackNetwork& o = override.network;
    const auto sets = [&override](const char* field) { return override.fields.count(field) > 0; };
    if (sets("name")) b.name = o.name;
    if (sets("internal")) b.internal = o.internal;
    if (sets("external")) b.external = o.external;
    if (sets("enable_ipv6")) b.enable_ipv6 = o.enable_ipv6;
    if (sets("attachable")) b.attachable = o.attachable;
    if (sets("driver")) b.driver = o.driver;
    for (const auto& [key, value] : o.driver_opts) b.driver_opts.insert_or_assign(key, value);
    if (sets("ipam")) {
        replace_if_set(b.ipam_driver, o.ipam_driver);
        if (!o.ipam_pools.empty()) b.ipam_pools = o.ipam_pools;
    }
    b.where = o.where;
    base.fields.insert(override.fields.begin(), override.fields.end());
}

}  // namespace meshprobe
