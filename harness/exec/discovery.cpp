#include "exec/discovery.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <array>
#include <map>

#include "engine/probe_image.h"
#include "exec/executor.h"
#include "exec/leftovers.h"

namespace meshprobe {
namespace {

std::string label(const Labels& labels, const std::string& key) {
    auto it = labels.find(key);
    return it == labels.end() ? std::string{} : it->second;
}

LiveService live_service(const ContainerInfo& c, const StackMember& member, const std::vector<LiveNetwork>& networks) {
    LiveService s;
    s.name = member.service;
    s.replica = member.replica;
    s.container_id = c.id;
    s.container_name = c.name;
    s.network_mode = c.network_mode;
    s.image = c.image;
    s.image_id = c.image_id;
    s.started_at = c.started_at;
    for (const ContainerNetwork& n : c.networks) {
        auto known = std::find_if(networks.begin(), networks.end(), [&](const LiveNetwork& l) { return l.name == n.name; });
        s.addresses.push_back({known == networks.end() ? n.name : known->key, n.ip_address, n.ipv6_address});
    }
    for (const PortBinding& p : c.ports) {
        if (p.host_port != 0) s.published.push_back(PortMapping::bound(p.container_port, p.protocol, p.host_ip, p.host_port));
    }
    return s;
}

// The first host address of a subnet ("172.18.0.0/16" -> "172.18.0.1"), "" when it is none.
std::string first_host(const std::string& subnet) {
    const std::string base = subnet.substr(0, subnet.find('/'));
    const int family = is_ipv6(base) ? AF_INET6 : AF_INET;
    std::array<unsigned char, sizeof(in6_addr)> bytes{};
    if (::inet_pton(family, base.c_str(), bytes.data()) != 1) return {};
    const std::size_t length = family == AF_INET6 ? sizeof(in6_addr) : sizeof(in_addr);
    for (std::size_t i = length; i-- > 0;) {
        if (++bytes[i] != 0) break;  // carry into the next byte up
    }
    std::array<char, INET6_ADDRSTRLEN> text{};
    return ::inet_ntop(family, bytes.data(), text.data(), text.size()) ? std::string(text.data()) : std::string{};
}

// A bridge's gateways, IPv4 and IPv6. The engine does not always record them (docker0 on
// 20.10 lists only its subnet, and a compose network with a subnet but no gateway lists none),
// but each attached container's endpoint names them; without either the bridge takes the
// subnet's first address, as the engine's IPAM does.
std::vector<std::string> gateways_of(const NetworkInfo& n, const std::vector<std::string>& from_endpoints) {
    std::vector<std::string> out;
    auto add = [&out](const std::string& ip) {
        if (!ip.empty() && std::find(out.begin(), out.end(), ip) == out.end()) out.push_back(ip);
    };
    for (const auto& ip : n.gateways) add(ip);
    for (const auto& ip : from_endpoints) add(ip);
    for (bool v6 : {false, true}) {
        if (std::any_of(out.begin(), out.end(), [v6](const std::string& ip) { return is_ipv6(ip) == v6; })) continue;
        for (const std::string& subnet : n.subnets) {
            if (is_ipv6(subnet) == v6) add(first_host(subnet));
        }
    }
    return out;
}

// A network as the stack knows it: its key, engine name, driver and, for a bridge, the host
// interface the engine made for it (its `bridge.name` option, else "br-" and the id's first 12).
LiveNetwork live_network(const std::string& key, const NetworkInfo& n, const std::vector<std::string>& from_endpoints) {
    LiveNetwork out{key, n.name, n.id, n.internal, gateways_of(n, from_endpoints)};
    out.driver = n.driver.empty() ? "bridge" : n.driver;
    if (out.driver == "bridge") {
        const auto named = n.options.find("com.docker.network.bridge.name");
        out.bridge = named != n.options.end() && !named->second.empty() ? named->second : "br-" + n.id.substr(0, 12);
    }
    return out;
}

// meshprobe's own probes and agents on the stack's networks: a role label alone proves nothing
// (anyone who starts a container can set one), so the container must also run the probe image,
// which holds the probe program and nothing that could forward traffic, for a run whose process
// is alive. A dead run's probes are leftovers, and are shown like any other stranger.
bool meshprobes_own(const ContainerInfo& c) {
    if (label(c.labels, kRoleLabel).empty()) return false;
    if (!c.image.starts_with(std::string(kProbeRepo) + ":")) return false;
    return run_alive(label(c.labels, kRunLabel));
}

// Containers on the stack's networks that no compose file of the project declares: another
// project's, or one started by hand (`docker run --network`, `docker network connect`). An
// external network is shared by design: other projects' containers on it are not strangers.
void add_undeclared(Docker& docker, const Orchestrator& orchestrator, const ExternalNetworks& external,
                    LiveStack& stack) {
    std::vector<std::string> names;
    for (const LiveNetwork& n : stack.networks) {
        if (!external.count(n.name)) names.push_back(n.name);
    }
    const auto not_the_projects = [&](const Labels& labels) { return orchestrator.stack_of(labels) != orchestrator.project(); };
    for (const ContainerInfo& c : docker.containers_on_networks(names, not_the_projects)) {
        if (meshprobes_own(c)) continue;
        LiveService s = live_service(c, StackMember{}, stack.networks);
        s.name = stack.find_service(c.name) || std::any_of(stack.containers.begin(), stack.containers.end(),
                                                           [&](const LiveContainer& k) { return k.service == c.name; })
                     ? "undeclared:" + c.name
                     : c.name;
        s.replica = 1;
        // Only its endpoints on the stack's networks: the rest of the engine is not the stack.
        std::erase_if(s.addresses, [&](const LiveAddress& a) { return stack.find_network(a.network) == nullptr; });
        stack.undeclared.push_back(std::move(s));
    }
    std::sort(stack.undeclared.begin(), stack.undeclared.end(),
              [](const LiveService& a, const LiveService& b) { return a.name < b.name; });
}

}  // namespace

LiveStack discover_stack(Docker& docker, const Orchestrator& orchestrator, const ExternalNetworks& external) {
    LiveStack stack;
    stack.project = orchestrator.project();
    // Every container, stopped ones too: a service that is not running is a finding, not an omission.
    std::vector<std::pair<ContainerInfo, StackMember>> containers;
    for (ContainerInfo& c : orchestrator.containers(docker, true)) {
        std::optional<StackMember> member = orchestrator.member(c.labels);
        containers.emplace_back(std::move(c), member.value_or(StackMember{}));
    }
    std::stable_sort(containers.begin(), containers.end(),
                     [](const auto& a, const auto& b) { return a.second.replica < b.second.replica; });
    std::map<std::string, std::vector<std::string>> endpoint_gateways;  // by engine network name
    for (const auto& [c, member] : containers) {
        for (const ContainerNetwork& n : c.networks) {
            endpoint_gateways[n.name].push_back(n.gateway);
            endpoint_gateways[n.name].push_back(n.ipv6_gateway);
        }
    }
    for (const NetworkInfo& n : orchestrator.networks(docker)) {
        std::string key = orchestrator.network_key(n.labels);
        stack.networks.push_back(live_network(key.empty() ? n.name : key, n, endpoint_gateways[n.name]));
    }
    for (const NetworkInfo& n : docker.list_networks()) {
        const auto named = external.find(n.name);
        if (named != external.end() && !stack.find_network(named->second)) {
            stack.networks.push_back(live_network(named->second, n, endpoint_gateways[n.name]));
        }
        if (n.name == "bridge") {
            for (const auto& gateway : gateways_of(n, {})) stack.other_gateways.push_back({"bridge", gateway});
        }
    }
    std::map<std::string, int> running;
    for (const auto& [c, member] : containers) {
        if (member.one_off || label(c.labels, kRoleLabel) == "probe") continue;
        if (member.service.empty()) continue;
        stack.containers.push_back({member.service, c.id, c.name, c.state, c.health, c.network_mode, member.replica});
        if (c.state != "running") continue;
        stack.services.push_back(live_service(c, member, stack.networks));
        ++running[member.service];
    }
    for (LiveService& s : stack.services) s.replicas = running[s.name];
    std::stable_sort(stack.services.begin(), stack.services.end(),
                     [](const LiveService& a, const LiveService& b) { return a.name < b.name; });
    add_undeclared(docker, orchestrator, external, stack);
    return stack;
}

}  // namespace meshprobe
