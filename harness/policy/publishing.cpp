#include "policy/publishing.h"

#include <fmt/format.h>

namespace meshprobe {

std::string describe_published(const PortMapping& port) {
    std::string address = binds_all_addresses(port.host_ip) ? "all addresses" : bare_address(port.host_ip);
    std::string host = port.host_port == 0 ? "a random port"
                       : port.host_port_end > port.host_port
                           ? fmt::format("{}-{}", port.host_port, port.host_port_end)
                           : std::to_string(port.host_port);
    std::string container = port.container_port_end > port.container_port
                                ? fmt::format("{}-{}", port.container_port, port.container_port_end)
                                : std::to_string(port.container_port);
    return fmt::format("{} on {} (container {}/{})", host, address, container, port.protocol);
}

PublishDecision judge_publish(const Contract& contract, const std::string& service, const std::string& host_ip, int port,
                              const std::string& protocol) {
    PublishDecision out;
    const ServiceSpec* spec = contract.find_service(service);
    if (!spec) {
        out.kind = PublishDecision::Kind::unknown;
        return out;
    }
    if (const Tier* tier = contract.find_tier(spec->tier); tier && (tier->internal || tier->egress == Egress::deny)) {
        out.kind = PublishDecision::Kind::data_tier;
        out.tier = tier;
        return out;
    }
    out.kind = PublishDecision::Kind::unlisted;
    for (const PublishRule& rule : spec->publish) {
        if (rule.port != port || rule.protocol != protocol) continue;
        if (rule.host_ip.empty() || bare_address(rule.host_ip) == bare_address(host_ip) ||
            (binds_all_addresses(rule.host_ip) && binds_all_addresses(host_ip))) {
            out.kind = PublishDecision::Kind::allowed;
            out.rule = &rule;
            return out;
        }
        out.kind = PublishDecision::Kind::wrong_address;
        out.rule = &rule;
    }
    return out;
}

}  // namespace meshprobe
