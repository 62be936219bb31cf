#include "live/stack.h"

#include <algorithm>

namespace meshprobe {

bool LiveService::own_namespace() const {
    return NetworkMode::of(network_mode).own_namespace();
}

std::string LiveService::label() const { return replicas > 1 ? name + "#" + std::to_string(replica) : name; }

std::vector<std::string> LiveAddress::all() const {
    std::vector<std::string> out;
    if (!ip.empty()) out.push_back(ip);
    if (!ipv6.empty()) out.push_back(ipv6);
    return out;
}

std::vector<std::string> LiveService::ips() const {
    std::vector<std::string> out;
    for (const auto& a : addresses) {
        for (const std::string& ip : a.all()) out.push_back(ip);
    }
    return out;
}

const LiveAddress* LiveService::on(const std::string& network) const {
    for (const auto& a : addresses) {
        if (a.network == network) return &a;
    }
    return nullptr;
}

const LiveService* LiveStack::find_service(const std::string& name) const {
    auto it = std::find_if(services.begin(), services.end(), [&](const auto& s) { return s.name == name; });
    return it == services.end() ? nullptr : &*it;
}

std::vector<const LiveService*> LiveStack::replicas_of(const std::string& name) const {
    std::vector<const LiveService*> out;
    for (const auto& s : services) {
        if (s.name == name) out.push_back(&s);
    }
    return out;
}

std::vector<std::string> LiveStack::ips_of(const std::string& name) const {
    std::vector<std::string> out;
    for (const LiveService* s : replicas_of(name)) {
        for (const std::string& ip : s->ips()) out.push_back(ip);
    }
    return out;
}

const LiveNetwork* LiveStack::find_network(const std::string& key) const {
    auto it = std::find_if(networks.begin(), networks.end(), [&](const auto& n) { return n.key == key; });
    return it == networks.end() ? nullptr : &*it;
}

std::vector<std::string> LiveStack::gateway_addresses() const {
    std::vector<std::string> out;
    for (const auto& n : networks) out.insert(out.end(), n.gateways.begin(), n.gateways.end());
    for (const auto& [label, ip] : other_gateways) out.push_back(ip);
    return out;
}

const LiveService* LiveStack::owner_of(const std::string& ip) const {
    for (const auto& s : services) {
        for (const auto& a : s.addresses) {
            if (a.ip == ip || a.ipv6 == ip) return &s;
        }
    }
    return nullptr;
}

}  // namespace meshprobe
