#include "topology/service_reach.h"

#include <algorithm>

namespace meshprobe {
namespace {

const StackService* owner_of(const StackModel& model, const NetworkMode& mode) {
    for (const StackService& other : model.services) {
        if (other.name == mode.target) return &other;
        if (mode.kind == NetworkMode::Kind::container && other.container_name == mode.target) return &other;
    }
    return nullptr;
}

}  // namespace

const StackService* namespace_owner(const StackModel& model, const StackService& service) {
    const StackService* current = &service;
    // A chain of sidecars ends at a namespace of its own; a loop (compose refuses one) at none.
    for (std::size_t hops = 0; current && hops <= model.services.size(); ++hops) {
        if (!current->mode().shares_namespace()) return current;
        current = owner_of(model, current->mode());
    }
    return nullptr;
}

ServiceReach reach_of(const StackModel& model, const StackService& service) {
    const StackService* owner = namespace_owner(model, service);
    if (!owner) return {ServiceReach::Kind::none, {}};
    switch (owner->mode().kind) {
        case NetworkMode::Kind::host: return {ServiceReach::Kind::host, {}};
        case NetworkMode::Kind::bridge: return {ServiceReach::Kind::bridge, {}};
        case NetworkMode::Kind::networks: break;
        default: return {ServiceReach::Kind::none, {}};
    }
    ServiceReach out;
    for (const NetworkAttachment& a : owner->networks) {
        if (std::find(out.networks.begin(), out.networks.end(), a.network) == out.networks.end())
            out.networks.push_back(a.network);
    }
    return out;
}

std::vector<std::string> carrying_networks(const ServiceReach& from, const ServiceReach& to) {
    using Kind = ServiceReach::Kind;
    if (from.kind == Kind::host) {
        if (to.kind == Kind::networks) return to.networks;
        if (to.kind == Kind::bridge || to.kind == Kind::host) return {to.kind == Kind::host ? "host" : "bridge"};
        return {};
    }
    if (to.kind == Kind::host) {
        if (from.kind == Kind::networks) return from.networks;
        return from.kind == Kind::bridge ? std::vector<std::string>{"bridge"} : std::vector<std::string>{};
    }
    if (from.kind == Kind::bridge && to.kind == Kind::bridge) return {"bridge"};
    if (from.kind != Kind::networks || to.kind != Kind::networks) return {};
    std::vector<std::string> out;
    for (const std::string& network : from.networks) {
        if (std::find(to.networks.begin(), to.networks.end(), network) != to.networks.end()) out.push_back(network);
    }
    return out;
}

}  // namespace meshprobe
