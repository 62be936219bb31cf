#include "core/stack_model.h"

#include <algorithm>

namespace meshprobe {

std::vector<int> StackService::served_ports() const {
    std::vector<int> result = expose;
    for (const auto& port : ports) {
        for (int p = port.container_port; p <= port.container_port_end; ++p) result.push_back(p);
    }
    std::sort(result.begin(), result.end());
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
}

const NetworkAttachment* StackService::attachment(const std::string& network) const {
    for (const auto& a : networks) {
        if (a.network == network) return &a;
    }
    return nullptr;
}

const StackService* StackModel::find_service(const std::string& name) const {
    for (const auto& s : services) {
        if (s.name == name) return &s;
    }
    return nullptr;
}

std::string StackNetwork::engine_name(const std::string& project) const {
    if (!name.empty()) return name;
    return external ? key : project + "_" + key;
}

const StackNetwork* StackModel::find_network(const std::string& key) const {
    for (const auto& n : networks) {
        if (n.key == key) return &n;
    }
    return nullptr;
}

void StackModel::add_implicit_default_network() {
    bool used = false;
    for (auto& service : services) {
        if (service.networks.empty() && service.mode().on_networks()) {
            NetworkAttachment attachment;
            attachment.network = "default";
            attachment.where = service.where;
            service.networks.push_back(attachment);
        }
        if (service.attachment("default")) used = true;
    }
    if (used && !find_network("default")) {
        StackNetwork network;
        network.key = "default";
        networks.push_back(network);
    }
}

void remove_inactive_services(StackModel& model, const std::vector<std::string>& active_profiles) {
    const auto inactive = [&active_profiles](const StackService& service) {
        if (service.profiles.empty()) return false;
        return std::none_of(service.profiles.begin(), service.profiles.end(), [&](const std::string& p) {
            return std::find(active_profiles.begin(), active_profiles.end(), p) != active_profiles.end();
        });
    };
    std::erase_if(model.services, inactive);
}

}  // namespace meshprobe
