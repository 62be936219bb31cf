#include "topology/prediction.h"

#include <algorithm>
#include <iterator>
#include <sstream>

#include "compose/child_process.h"
#include "topology/service_reach.h"

namespace meshprobe {
namespace {

// What `tool -S INPUT` lists; "" where the tool is missing or may not read the rules (not root).
std::string listing(const std::string& tool) {
    std::vector<std::string> folders = path_directories();
    folders.insert(folders.end(), {"/usr/sbin", "/sbin"});
    const std::string program = find_program(tool, folders);
    if (program.empty()) return {};
    try {
        ChildResult result = run_child(ChildRequest{program, {"-w", "-S", "INPUT"}, std::chrono::seconds(10), nullptr, {}});
        return result.ok() ? result.out : std::string{};
    } catch (const std::exception&) {
        return {};
    }
}

}  // namespace

std::set<std::string> HostFirewall::closed_interfaces(const std::string& text) {
    std::set<std::string> out;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream words(line);
        std::vector<std::string> w{std::istream_iterator<std::string>(words), std::istream_iterator<std::string>()};
        if (w.size() < 2 || w[0] != "-A" || w[1] != "INPUT") continue;
        std::string interface, target;
        bool narrowed = false;  // a rule for some traffic only (a port, a source) does not close the bridge
        for (std::size_t i = 2; i + 1 < w.size(); ++i) {
            if (w[i] == "-i") {
                interface = w[++i];
            } else if (w[i] == "-j") {
                target = w[++i];
            } else if (w[i] == "-m" && w[i + 1] == "comment") {
                i += 3;  // -m comment --comment TEXT
                if (i < w.size() && !w[i].empty() && w[i].front() == '"') {
                    while (i + 1 < w.size() && (w[i].size() < 2 || w[i].back() != '"')) ++i;
                }
            } else if (w[i] == "!" || w[i].rfind("-", 0) == 0) {
                narrowed = true;
            }
        }
        if (!interface.empty() && !narrowed && (target == "DROP" || target == "REJECT")) out.insert(interface);
    }
    return out;
}

HostFirewall HostFirewall::read() {
    return {closed_interfaces(listing("iptables")), closed_interfaces(listing("ip6tables"))};
}

Prediction::Prediction(StackModel model, HostFirewall firewall, int engine_major)
    : model_(std::move(model)), firewall_(std::move(firewall)), engine_major_(engine_major) {}

bool Prediction::reaches_gateway(const std::vector<std::string>& networks, const std::string& gateway_network,
                                 bool ipv6) const {
    const bool on_link = std::find(networks.begin(), networks.end(), gateway_network) != networks.end();
    if (!on_link && engine_major_ >= 26 && !reaches_outside(networks)) return false;
    return reaches_host(networks, ipv6);
}

ServiceReach Prediction::reach(const std::string& service) const {
    const StackService* s = model_.find_service(service);
    return s ? reach_of(model_, *s) : ServiceReach{ServiceReach::Kind::none, {}};
}

// The model's carrying networks (topology/service_reach.h) that are the stack's: a probe
// reaches by name only there. The host's and docker0's paths are no stack network's.
std::vector<std::string> Prediction::shared(const std::string& from, const std::string& to) const {
    std::vector<std::string> out = carrying_networks(reach(from), reach(to));
    out.erase(std::remove_if(out.begin(), out.end(), [&](const std::string& n) { return !model_.find_network(n); }),
              out.end());
    return out;
}

std::vector<std::string> Prediction::networks_of(const std::string& service) const { return reach(service).networks; }

bool Prediction::reaches(const std::string& from, const std::string& to) const { return !shared(from, to).empty(); }

bool Prediction::resolves(const std::string& from, const std::string& owner, const std::string& name) const {
    const StackService* declared = model_.find_service(owner);
    const StackService* target = declared ? namespace_owner(model_, *declared) : nullptr;
    if (!target) return false;
    for (const std::string& network : shared(from, owner)) {
        // Names are served on the networks the owner is attached to (a `host` service is on none):
        // the service name and the container name on each, an alias only where it is given.
        const NetworkAttachment* a = target->attachment(network);
        if (!a) continue;
        if (name == owner || name == target->name || name == target->container_name) return true;
        if (std::find(a->aliases.begin(), a->aliases.end(), name) != a->aliases.end()) return true;
    }
    return false;
}

bool Prediction::attached(const std::string& to, const std::string& network) const {
    std::vector<std::string> networks = networks_of(to);
    return std::find(networks.begin(), networks.end(), network) != networks.end();
}

std::string Prediction::bridge_of(const std::string& network) const {
    const StackNetwork* n = model_.find_network(network);
    if (!n) return {};
    auto named = n->driver_opts.find("com.docker.network.bridge.name");
    return named == n->driver_opts.end() ? std::string{} : named->second;
}

bool Prediction::reaches_host(const std::vector<std::string>& networks, bool ipv6) const {
    const std::set<std::string>& closed = ipv6 ? firewall_.closed_v6 : firewall_.closed_v4;
    return std::any_of(networks.begin(), networks.end(), [&](const std::string& network) {
        const StackNetwork* n = model_.find_network(network);
        if (ipv6 && (!n || !n->enable_ipv6)) return false;  // no IPv6 route from there
        const std::string bridge = bridge_of(network);
        return bridge.empty() || closed.count(bridge) == 0;
    });
}

bool Prediction::reaches_outside(const std::vector<std::string>& networks) const {
    return std::any_of(networks.begin(), networks.end(), [&](const std::string& network) {
        const StackNetwork* n = model_.find_network(network);
        return n && !n->internal;
    });
}

}  // namespace meshprobe
