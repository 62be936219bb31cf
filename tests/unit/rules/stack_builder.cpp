#include "stack_builder.h"

#include <stdexcept>

#include "contract/flow_sides.h"
#include "rules/check_run.h"

namespace meshprobe::testing {

Stack& Stack::tier(const std::string& name, const std::string& network, bool internal, Egress egress) {
    contract.tiers.push_back(Tier{name, network, internal, egress, next_contract_line()});
    return *this;
}

ServiceSpec& Stack::spec(const std::string& name, const std::string& tier, std::vector<int> ports) {
    ServiceSpec spec;
    spec.name = name;
    spec.tier = tier;
    spec.ports = std::move(ports);
    spec.where = next_contract_line();
    contract.services.push_back(spec);
    return contract.services.back();
}

Stack& Stack::flow(const std::vector<std::string>& from, const std::vector<std::string>& to, std::vector<int> ports) {
    Flow flow;
    flow.where = next_contract_line();
    for (const std::string& name : from) flow.from.push_back(resolve_flow_side(contract, name, flow.where));
    for (const std::string& name : to) flow.to.push_back(resolve_flow_side(contract, name, flow.where));
    flow.ports = std::move(ports);
    contract.flows.push_back(flow);
    return *this;
}

StackNetwork& Stack::network(const std::string& key, bool internal) {
    StackNetwork network;
    network.key = key;
    network.internal = internal;
    network.where = next_compose_line();
    model.networks.push_back(network);
    return model.networks.back();
}

StackService& Stack::service(const std::string& name, const std::vector<std::string>& networks) {
    StackService service;
    service.name = name;
    service.where = next_compose_line();
    model.services.push_back(service);
    for (const std::string& network : networks) attach(name, network);
    return find(name);
}

NetworkAttachment& Stack::attach(const std::string& service, const std::string& network) {
    NetworkAttachment attachment;
    attachment.network = network;
    attachment.where = next_compose_line();
    StackService& target = find(service);
    target.networks.push_back(attachment);
    return target.networks.back();
}

PortMapping& Stack::publish(const std::string& service, int host_port, int container_port, const std::string& host_ip) {
    PortMapping port;
    port.host_ip = host_ip;
    port.host_port = port.host_port_end = host_port;
    port.container_port = port.container_port_end = container_port;
    port.where = next_compose_line();
    StackService& target = find(service);
    target.ports.push_back(port);
    return target.ports.back();
}

Stack& Stack::tier_with_service(const std::string& name, int port, bool internal) {
    tier(name, name + "_net", internal);
    network(name + "_net", internal);
    spec(name + "-svc", name, {port});
    service(name + "-svc", {name + "_net"});
    return *this;
}

StackService& Stack::find(const std::string& service) {
    for (StackService& s : model.services) {
        if (s.name == service) return s;
    }
    throw std::logic_error("no service " + service + " in the test stack");
}

std::vector<Finding> Stack::findings() const { return check_environment(contract, model, "base"); }

std::vector<Finding> Stack::findings(const std::string& rule) const {
    std::vector<Finding> out;
    for (const Finding& finding : findings()) {
        if (finding.rule == rule) out.push_back(finding);
    }
    return out;
}

}  // namespace meshprobe::testing
