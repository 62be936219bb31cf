#include "topology/topology_diff.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/ip_address.h"

namespace meshprobe {
namespace {

using PathKey = std::tuple<std::string, std::string, int>;  // port -1: every port

PathKey key_of(const TopologyPath& path) { return {path.from, path.to, path.port.value_or(-1)}; }

// 0.0.0.0, :: and "" all mean every address: a file that spells it differently changes nothing.
std::string address_key(const std::string& ip) { return binds_all_addresses(ip) ? std::string("*") : bare_address(ip); }

using PortKey = std::tuple<std::string, std::string, int, int, int, int, std::string>;

PortKey key_of(const std::string& service, const PortMapping& p) {
    return {service, address_key(p.host_ip), p.host_port, p.host_port_end, p.container_port, p.container_port_end, p.protocol};
}

// The entries of `a` that `b` lacks, by key, in `a`'s order.
template <typename Item, typename KeyOf>
std::vector<Item> missing_from(const std::vector<Item>& a, const std::vector<Item>& b, KeyOf key) {
    std::map<decltype(key(a.front())), bool> in_b;
    for (const Item& item : b) in_b[key(item)] = true;
    std::vector<Item> out;
    for (const Item& item : a) {
        if (!in_b.count(key(item))) out.push_back(item);
    }
    return out;
}

std::vector<PublishedPort> published_of(const Topology& t) {
    std::vector<PublishedPort> out;
    for (const TopologyService& s : t.services) {
        for (const PortMapping& p : s.published) {
            if (p.published) out.push_back({s.name, p});
        }
    }
    return out;
}

std::vector<AttachmentEntry> attachments_of(const Topology& t) {
    std::vector<AttachmentEntry> out;
    for (const TopologyService& s : t.services) {
        for (const TopologyAttachment& a : s.attachments) out.push_back({s.name, a});
    }
    return out;
}

std::vector<std::string> sorted(std::vector<std::string> names) {
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

bool TopologyDiff::empty() const {
    return paths_added.empty() && paths_removed.empty() && paths_changed.empty() && published_added.empty() &&
           published_removed.empty() && attachments_added.empty() && attachments_removed.empty() &&
           networks_added.empty() && networks_removed.empty() && networks_changed.empty() &&
           tiers_added.empty() && tiers_removed.empty() && tiers_changed.empty() && path_classes.empty();
}

std::size_t TopologyDiff::added_paths() const {
    std::size_t out = paths_added.size();
    for (const PathClassChange& c : path_classes) out += c.before ? 0 : c.paths;
    return out;
}

std::size_t TopologyDiff::removed_paths() const {
    std::size_t out = paths_removed.size();
    for (const PathClassChange& c : path_classes) out += c.after ? 0 : c.paths;
    return out;
}

std::size_t TopologyDiff::changed_paths() const {
    std::size_t out = paths_changed.size();
    for (const PathClassChange& c : path_classes) out += c.before && c.after ? c.paths : 0;
    return out;
}

TopologyDiff diff_topologies(const Topology& before, const Topology& after) {
    TopologyDiff d;
    auto path_key = [](const TopologyPath& p) { return key_of(p); };
    d.paths_added = missing_from(after.paths, before.paths, path_key);
    d.paths_removed = missing_from(before.paths, after.paths, path_key);
    std::map<PathKey, const TopologyPath*> earlier;
    for (const TopologyPath& p : before.paths) earlier[key_of(p)] = &p;
    for (const TopologyPath& p : after.paths) {
        auto it = earlier.find(key_of(p));
        if (it == earlier.end()) continue;
        if (it->second->verdict != p.verdict || sorted(it->second->networks) != sorted(p.networks)) {
            d.paths_changed.push_back({*it->second, p});
        }
    }
    diff_stacks(before, after, d);
    return d;
}

void diff_stacks(const Topology& before, const Topology& after, TopologyDiff& d) {
    auto port_key = [](const PublishedPort& p) { return key_of(p.service, p.port); };
    const auto ports_before = published_of(before), ports_after = published_of(after);
    d.published_added = missing_from(ports_after, ports_before, port_key);
    d.published_removed = missing_from(ports_before, ports_after, port_key);

    auto attachment_key = [](const AttachmentEntry& a) {
        return std::tuple{a.service, a.attachment.network, sorted(a.attachment.aliases)};
    };
    const auto attached_before = attachments_of(before), attached_after = attachments_of(after);
    d.attachments_added = missing_from(attached_after, attached_before, attachment_key);
    d.attachments_removed = missing_from(attached_before, attached_after, attachment_key);

    auto network_key = [](const TopologyNetwork& n) { return n.key; };
    d.networks_added = missing_from(after.networks, before.networks, network_key);
    d.networks_removed = missing_from(before.networks, after.networks, network_key);
    for (const TopologyNetwork& n : after.networks) {
        const TopologyNetwork* old = before.find_network(n.key);
        if (old && (old->internal != n.internal || old->external != n.external || old->ipv6 != n.ipv6)) {
            d.networks_changed.push_back({*old, n});
        }
    }

    auto tier_key = [](const TopologyTier& t) { return t.name; };
    d.tiers_added = missing_from(after.tiers, before.tiers, tier_key);
    d.tiers_removed = missing_from(before.tiers, after.tiers, tier_key);
    for (const TopologyTier& t : after.tiers) {
        for (const TopologyTier& old : before.tiers) {
            if (old.name == t.name && (old.network != t.network || old.internal != t.internal || old.egress != t.egress)) {
                d.tiers_changed.push_back({old, t});
            }
        }
    }
}

}  // namespace meshprobe
