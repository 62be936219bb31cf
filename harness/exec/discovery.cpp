#include "exec/discovery.h"

#include <algorithm>
#include <map>

namespace meshprobe {
namespace {

const std::string kProject = "com.docker.compose.project";
const std::string kService = "com.docker.compose.service";
const std::string kNetwork = "com.docker.compose.network";
const std::string kNumber = "com.docker.compose.container-number";
const std::string kOneoff = "com.docker.compose.oneoff";

std::string label(const Labels& labels, const std::string& key) {
    auto it = labels.find(key);
    return it == labels.end() ? std::string{} : it->second;
}

int number_of(const ContainerInfo& c) {
    try {
        return std::stoi(label(c.labels, kNumber));
    } catch (...) {
        return 0;
    }
}

LiveService live_service(const ContainerInfo& c, const std::vector<LiveNetwork>& networks) {
    LiveService s;
    s.name = label(c.labels, kService);
    s.replica = number_of(c);
    s.container_id = c.id;
    s.container_name = c.name;
    s.network_mode = c.network_mode;
    for (const ContainerNetwork& n : c.networks) {
        auto known = std::find_if(networks.begin(), networks.end(), [&](const LiveNetwork& l) { return l.name == n.name; });
        s.addresses.push_back({known == networks.end() ? n.name : known->key, n.ip_address});
    }
    for (const PortBinding& p : c.ports) {
        if (p.host_port != 0) s.published.push_back({p.container_port, p.protocol, p.host_ip, p.host_port});
    }
    return s;
}

// The engine does not always record a bridge's gateway (docker0 on 20.10 lists only its
// subnet); the bridge then takes the subnet's first address.
std::vector<std::string> gateways_of(const NetworkInfo& n) {
    if (!n.gateways.empty()) return n.gateways;
    std::vector<std::string> out;
    for (const std::string& subnet : n.subnets) {
        std::string base = subnet.substr(0, subnet.find('/'));
        auto dot = base.rfind('.');
        if (base.find(':') != std::string::npos || dot == std::string::npos) continue;
        try {
            out.push_back(base.substr(0, dot + 1) + std::to_string(std::stoi(base.substr(dot + 1)) + 1));
        } catch (const std::exception&) {
            // Not an IPv4 subnet; nothing to derive.
        }
    }
    return out;
}

}  // namespace

LiveStack discover_stack(Docker& docker, const std::string& project) {
    LiveStack stack;
    stack.project = project;
    for (const NetworkInfo& n : docker.list_networks({kProject + "=" + project})) {
        std::string key = label(n.labels, kNetwork);
        stack.networks.push_back({key.empty() ? n.name : key, n.name, n.id, n.internal, gateways_of(n)});
    }
    for (const NetworkInfo& n : docker.list_networks()) {
        if (n.name == "bridge") {
            for (const auto& gateway : gateways_of(n)) stack.other_gateways.push_back({"bridge", gateway});
        }
    }
    // Every container, stopped ones too: a service that is not running is a finding, not an omission.
    std::vector<ContainerInfo> containers = docker.list_containers({kProject + "=" + project}, true);
    std::sort(containers.begin(), containers.end(),
              [](const ContainerInfo& a, const ContainerInfo& b) { return number_of(a) < number_of(b); });
    std::map<std::string, int> running;
    for (const ContainerInfo& c : containers) {
        if (label(c.labels, kOneoff) == "True" || label(c.labels, "meshprobe.role") == "probe") continue;
        std::string service = label(c.labels, kService);
        if (service.empty()) continue;
        stack.containers.push_back({service, c.id, c.name, c.state, c.health, c.network_mode, number_of(c)});
        if (c.state != "running") continue;
        stack.services.push_back(live_service(c, stack.networks));
        ++running[service];
    }
    for (LiveService& s : stack.services) s.replicas = running[s.name];
    std::stable_sort(stack.services.begin(), stack.services.end(),
                     [](const LiveService& a, const LiveService& b) { return a.name < b.name; });
    return stack;
}

}  // namespace meshprobe
