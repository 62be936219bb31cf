#include "contract/contract.h"

#include <algorithm>
#include <utility>

namespace meshprobe {

namespace {

template <typename T>
const T* find_by_name(const std::vector<T>& elements, const std::string& name) {
    auto it = std::find_if(elements.begin(), elements.end(),
                           [&](const T& element) { return element.name == name; });
    return it == elements.end() ? nullptr : &*it;
}

}  // namespace

FlowSide FlowSide::tier(std::string name, bool prefixed) {
    return FlowSide{Kind::tier, std::move(name), prefixed};
}

FlowSide FlowSide::service(std::string name, bool prefixed) {
    return FlowSide{Kind::service, std::move(name), prefixed};
}

bool FlowSide::takes_in(const std::string& service, const std::string& tier) const {
    if (kind == Kind::service) return !service.empty() && service == name;
    return !tier.empty() && tier == name;
}

std::string FlowSide::str() const {
    if (!prefixed) return name;
    return (kind == Kind::tier ? "tier:" : "service:") + name;
}

const Tier* Contract::find_tier(const std::string& name) const {
    return find_by_name(tiers, name);
}

const Tier* Contract::tier_of_network(const std::string& network) const {
    auto it = std::find_if(tiers.begin(), tiers.end(),
                           [&](const Tier& tier) { return tier.network == network; });
    return it == tiers.end() ? nullptr : &*it;
}

const ServiceSpec* Contract::find_service(const std::string& name) const {
    if (indexed_services == 0 || indexed_services != services.size()) return find_by_name(services, name);
    auto it = service_index.find(name);
    return it == service_index.end() ? nullptr : &services[it->second];
}

void Contract::index_services() {
    if (indexed_services > services.size()) {
        service_index.clear();
        indexed_services = 0;
    }
    // The first of a name wins, as the scan finds it.
    for (; indexed_services < services.size(); ++indexed_services)
        service_index.emplace(services[indexed_services].name, indexed_services);
}

const Environment* Contract::find_environment(const std::string& name) const {
    return find_by_name(environments, name);
}

}  // namespace meshprobe
