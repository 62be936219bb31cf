#include "enforce/compile.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "core/errors.h"
#include "core/network_mode.h"
#include "policy/publishing.h"

namespace meshprobe {

std::string enforcement_table_name(const std::string& project) { return "meshprobe_" + project; }

void refuse_unenforceable(const LiveStack& live) {
    for (const LiveService& s : live.services) {
        if (NetworkMode::of(s.network_mode).kind == NetworkMode::Kind::host) {
            throw InputError(fmt::format("service {} runs with network_mode host: its connections are the host's own, "
                                         "which no rule of the project's bridges can tell apart; enforce refuses",
                                         s.name));
        }
    }
    for (const LiveNetwork& n : live.networks) {
        if (n.driver != "bridge" || n.bridge.empty()) {
            throw InputError(fmt::format("network {} ({}) has driver {}: enforce drops traffic on the host's bridges "
                                         "only, and its traffic does not cross one; enforce refuses",
                                         n.key, n.name, n.driver));
        }
    }
}

namespace {

constexpr const char* kNew = "meta l4proto { tcp, udp } ct state new";

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

// The container whose namespace a sidecar shares: compose's `service:NAME`, or the engine's
// `container:ID` (what HostConfig.NetworkMode says once it runs); nullptr for any other mode.
const LiveService* namespace_owner(const LiveStack& live, const LiveService& s) {
    const NetworkMode mode = NetworkMode::of(s.network_mode);
    if (mode.kind == NetworkMode::Kind::service) return live.find_service(mode.target);
    if (mode.kind != NetworkMode::Kind::container) return nullptr;
    for (const LiveService& owner : live.services) {
        if (owner.container_id == mode.target || owner.container_name == mode.target) return &owner;
    }
    return nullptr;
}

// The running containers whose namespace `service` speaks from: its own replicas, or the one
// whose namespace it shares.
std::vector<const LiveService*> speakers(const LiveStack& live, const std::string& service) {
    std::vector<const LiveService*> out;
    for (const LiveService* s : live.replicas_of(service)) {
        const LiveService* owner = namespace_owner(live, *s);
        out.push_back(owner ? owner : s);
    }
    return out;
}

// The addresses of `service` on `network` in one family.
std::vector<std::string> addresses_on(const LiveStack& live, const std::string& service, const std::string& network,
                                      bool v6) {
    std::vector<std::string> out;
    for (const LiveService* s : speakers(live, service)) {
        const LiveAddress* a = s->on(network);
        if (!a) continue;
        const std::string& ip = v6 ? a->ipv6 : a->ip;
        if (!ip.empty()) out.push_back(ip);
    }
    return out;
}

// Addresses in the order nft prints an anonymous set's elements: by value, not as text.
std::vector<unsigned char> address_bytes(const std::string& ip) {
    std::vector<unsigned char> out(16, 0);
    inet_pton(is_ipv6(ip) ? AF_INET6 : AF_INET, ip.c_str(), out.data());
    return out;
}

std::vector<std::string> sorted_addresses(const std::set<std::string>& addresses) {
    std::vector<std::string> out(addresses.begin(), addresses.end());
    std::sort(out.begin(), out.end(),
              [](const std::string& a, const std::string& b) { return address_bytes(a) < address_bytes(b); });
    return out;
}

std::string port_key(const std::optional<int>& port) { return port ? std::to_string(*port) : "any"; }

// The allow-list of one destination address on one bridge: per port, the sources that may open
// a connection to it; then the drop of every other new connection to it. `names` are the
// services that answer on it: its own, then its sidecars (`network_mode: service:` it).
void destination_rules(const Topology& topology, const LiveStack& live, const LiveNetwork& network,
                       const std::vector<std::string>& names, const std::string& address,
                       std::vector<FirewallRule>& rules) {
    const std::string& to = names.front();
    const bool v6 = is_ipv6(address);
    const std::string family = v6 ? "ip6" : "ip";
    const std::string on_bridge =
        fmt::format("iifname {} oifname {} {} daddr {}", quoted(network.bridge), quoted(network.bridge), family, address);
    std::map<std::optional<int>, std::set<std::string>> allowed;  // port (none: every port) -> sources
    std::map<std::optional<int>, std::set<std::string>> by;       // port -> source services, for the comment
    for (const TopologyPath& path : topology.paths) {
        if (path.verdict != PathVerdict::allowed) continue;
        if (std::find(names.begin(), names.end(), path.to) == names.end()) continue;
        if (std::find(path.networks.begin(), path.networks.end(), network.key) == path.networks.end()) continue;
        for (const std::string& source : addresses_on(live, path.from, network.key, v6)) {
            if (source != address) allowed[path.port].insert(source);
        }
        by[path.port].insert(path.from);
    }
    for (const auto& [port, sources] : allowed) {
        const std::vector<std::string> list = sorted_addresses(sources);
        std::string match = fmt::format("{} {} saddr {} meta l4proto {{ tcp, udp }}", on_bridge, family, nft_set(list));
        if (port) match += fmt::format(" th dport {}", *port);
        match += " ct state new";
        const std::vector<std::string> sources_named(by[port].begin(), by[port].end());
        rules.push_back({match, "accept",
                         (fmt::format("{} <- {} port {}: allowed", to, fmt::join(sources_named, ","), port_key(port)))});
    }
    rules.push_back({fmt::format("{} {}", on_bridge, kNew), "drop",
                     (fmt::format("{} on {}: every other new connection", to, network.key))});
}

void between_services(const Topology& topology, const LiveStack& live, std::vector<FirewallRule>& rules) {
    for (const LiveService& s : live.services) {
        if (!NetworkMode::of(s.network_mode).on_networks()) continue;
        if (!topology.find_service(s.name)) continue;
        std::vector<std::string> names = {s.name};
        for (const LiveService& other : live.services) {
            const LiveService* owner = namespace_owner(live, other);
            if (owner && owner->name == s.name && std::find(names.begin(), names.end(), other.name) == names.end()) {
                names.push_back(other.name);
            }
        }
        for (const LiveAddress& a : s.addresses) {
            const LiveNetwork* network = live.find_network(a.network);
            if (!network) continue;
            for (const std::string& ip : a.all()) destination_rules(topology, live, *network, names, ip, rules);
        }
    }
}

void egress_denied(const Topology& topology, const LiveStack& live, std::vector<FirewallRule>& input,
                   std::vector<FirewallRule>& forward) {
    for (const TopologyTier& tier : topology.tiers) {
        if (tier.egress != Egress::deny) continue;
        const LiveNetwork* network = live.find_network(tier.network);
        if (!network) continue;
        const std::string bridge = quoted(network->bridge);
        input.push_back({fmt::format("iifname {} {}", bridge, kNew), "drop",
                         (fmt::format("tier {}: egress deny, to the host", tier.name))});
        forward.push_back({fmt::format("iifname {} oifname != {} {}", bridge, bridge, kNew), "drop",
                           (fmt::format("tier {}: egress deny, out of {}", tier.name, tier.network))});
    }
}

void unlisted_published(const Contract& contract, const LiveStack& live, std::vector<FirewallRule>& rules) {
    std::set<std::string> seen;
    for (const LiveService& s : live.services) {
        for (const PortMapping& p : s.published) {
            if (p.host_port == 0) continue;
            if (judge_publish(contract, s.name, p.host_ip, p.host_port, p.protocol)) continue;
            for (const LiveAddress& a : s.addresses) {
                const LiveNetwork* network = live.find_network(a.network);
                if (!network) continue;
                for (const std::string& ip : a.all()) {
                    FirewallRule rule{fmt::format("oifname {} {} daddr {} {} dport {} ct status dnat ct state new",
                                                  quoted(network->bridge), is_ipv6(ip) ? "ip6" : "ip", ip, p.protocol,
                                                  p.container_port),
                                      "drop",
                                      (fmt::format("{}: published {}/{} is not in the contract's publish", s.name,
                                                          p.host_port, p.protocol))};
                    if (seen.insert(rule.match).second) rules.push_back(std::move(rule));
                }
            }
        }
    }
}

}  // namespace

FirewallTable compile_enforcement(const Contract& contract, const Topology& topology, const LiveStack& live) {
    refuse_unenforceable(live);
    FirewallTable table;
    table.name = enforcement_table_name(live.project.empty() ? contract.project : live.project);
    FirewallChain forward{"forward", "forward", -10, {}};
    FirewallChain input{"input", "input", -10, {}};
    between_services(topology, live, forward.rules);
    egress_denied(topology, live, input.rules, forward.rules);
    unlisted_published(contract, live, forward.rules);
    table.chains.push_back(std::move(forward));
    table.chains.push_back(std::move(input));
    return table;
}

}  // namespace meshprobe
