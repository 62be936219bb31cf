#include "topology/live_topology.h"

#include <algorithm>
#include <map>

namespace meshprobe {
namespace {

// Compose network keys by the engine's names; a network of the project compose no longer
// defines is known by its key (discovery reads it from compose's label).
class NetworkKeys {
public:
    NetworkKeys(const StackModel& model, const std::string& project) {
        for (const StackNetwork& n : model.networks) by_engine_name_[n.engine_name(project)] = n.key;
    }
    std::string key_of(const std::string& network) const {
        auto it = by_engine_name_.find(network);
        return it == by_engine_name_.end() ? network : it->second;
    }

private:
    std::map<std::string, std::string> by_engine_name_;
};

// The compose line of the mapping that asked for a binding, if any.
SourceLocation published_where(const StackService* service, const PortMapping& binding) {
    if (!service) return {};
    for (const PortMapping& p : service->ports) {
        const int last = std::max(p.container_port, p.container_port_end);
        if (p.protocol == binding.protocol && binding.container_port >= p.container_port && binding.container_port <= last) {
            return p.where;
        }
    }
    return {};
}

const LiveService* undeclared_named(const LiveStack& live, const std::string& name) {
    for (const LiveService& s : live.undeclared) {
        if (s.name == name) return &s;
    }
    return nullptr;
}

std::vector<const LiveService*> replicas_in_order(const LiveStack& live, const std::string& name) {
    std::vector<const LiveService*> out = live.replicas_of(name);
    if (const LiveService* stranger = undeclared_named(live, name)) out.push_back(stranger);
    std::sort(out.begin(), out.end(), [](const LiveService* a, const LiveService* b) { return a->replica < b->replica; });
    return out;
}

// Compose's attachments that the engine has, in compose's order, then those only the engine has.
void attach_as_running(StackService& service, const StackService* declared, const LiveStack& live,
                       const NetworkKeys& keys) {
    std::vector<std::string> attached;
    for (const LiveService* replica : replicas_in_order(live, service.name)) {
        for (const LiveAddress& address : replica->addresses) {
            const std::string key = keys.key_of(address.network);
            if (std::find(attached.begin(), attached.end(), key) == attached.end()) attached.push_back(key);
        }
    }
    service.networks.clear();
    if (declared) {
        for (const NetworkAttachment& attachment : declared->networks) {
            if (std::find(attached.begin(), attached.end(), attachment.network) != attached.end()) {
                service.networks.push_back(attachment);
            }
        }
    }
    for (const std::string& key : attached) {
        if (!service.attachment(key)) service.networks.push_back(NetworkAttachment{key, {}, {}, {}, {}});
    }
}

}  // namespace

StackModel running_model(const StackModel& model, const LiveStack& live, const std::string& project) {
    StackModel out = model;
    const NetworkKeys keys(model, project);
    std::vector<const LiveService*> running_now;
    for (const LiveService& s : live.services) running_now.push_back(&s);
    for (const LiveService& s : live.undeclared) running_now.push_back(&s);
    for (const LiveService* running_ptr : running_now) {
        const LiveService& running = *running_ptr;
        if (!out.find_service(running.name)) {
            StackService extra;
            extra.name = running.name;
            // The engine's own words for a namespace it shares: not a compose `service:` name.
            extra.network_mode = running.own_namespace() ? std::string{} : running.network_mode;
            out.services.push_back(std::move(extra));
        }
    }
    for (StackService& service : out.services) {
        // `host`, `none`, `bridge` and `service:x` put the service on no network of the stack,
        // whatever endpoint the engine lists for it.
        if (!service.mode().on_networks()) continue;
        attach_as_running(service, model.find_service(service.name), live, keys);
        for (const NetworkAttachment& attachment : service.networks) {
            if (out.find_network(attachment.network)) continue;
            StackNetwork network;
            network.key = attachment.network;
            const LiveNetwork* known = live.find_network(attachment.network);
            network.name = known ? known->name : attachment.network;
            network.internal = known && known->internal;
            out.networks.push_back(std::move(network));
        }
    }
    return out;
}

namespace {

void add_live_state(Topology& topology, const StackModel& model, const LiveStack& live) {
    topology.source = "live";
    const NetworkKeys keys(model, topology.project);
    for (TopologyService& service : topology.services) {
        const StackService* declared = model.find_service(service.name);
        for (TopologyAttachment& attachment : service.attachments) {
            attachment.declared = declared && declared->attachment(attachment.network);
        }
        service.published.clear();
        for (const LiveService* replica : replicas_in_order(live, service.name)) {
            for (TopologyAttachment& attachment : service.attachments) {
                if (!attachment.ipv4_address.empty() || !attachment.ipv6_address.empty()) continue;
                for (const LiveAddress& address : replica->addresses) {
                    if (keys.key_of(address.network) != attachment.network) continue;
                    attachment.ipv4_address = address.ip;
                    attachment.ipv6_address = address.ipv6;
                }
            }
            for (const PortMapping& binding : replica->published) {
                service.published.push_back(binding);
                service.published.back().where = published_where(declared, binding);
            }
        }
        for (const LiveContainer& c : live.containers) {
            if (c.service == service.name) service.containers.push_back({c.name, c.number, c.state, c.health});
        }
        if (const LiveService* stranger = undeclared_named(live, service.name)) {
            service.undeclared = true;
            service.containers.push_back({stranger->container_name, 1, "running", ""});
        }
        std::sort(service.containers.begin(), service.containers.end(),
                  [](const TopologyContainer& a, const TopologyContainer& b) { return a.number < b.number; });
    }
}

}  // namespace

std::map<std::string, std::string> external_networks(const StackModel& model, const std::string& project) {
    std::map<std::string, std::string> out;
    for (const StackNetwork& n : model.networks) {
        if (n.external) out.emplace(n.engine_name(project), n.key);
    }
    return out;
}

Prediction predict_running(const StackModel& model, const LiveStack& live, const std::string& project,
                           HostFirewall firewall, int engine_major) {
    return Prediction(running_model(model, live, project), std::move(firewall), engine_major);
}

Topology build_live_topology(const Contract& contract, const StackModel& model, const std::string& environment,
                             const LiveStack& live, PathForm form) {
    Topology topology = build_topology(contract, running_model(model, live, contract.project), environment, form);
    add_live_state(topology, model, live);
    return topology;
}

void expand_live_paths(Topology& topology, const Contract& contract, const StackModel& model, const LiveStack& live) {
    expand_paths(topology, contract, running_model(model, live, contract.project));
}

Topology live_paths_between(const Contract& contract, const StackModel& model, const std::string& environment,
                            const LiveStack& live, const std::string& from, const std::string& to,
                            std::optional<int> port) {
    Topology topology =
        paths_between(contract, running_model(model, live, contract.project), environment, from, to, port);
    add_live_state(topology, model, live);
    return topology;
}

}  // namespace meshprobe
