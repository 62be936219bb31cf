// MESH006: nothing is published but what the contract's `publish:` lists, on the addresses
// it lists, and nothing at all from a tier that is internal or may not reach out.
#include <fmt/format.h>

#include "rules/published_port.h"
#include "rules/rules.h"

namespace meshprobe {
namespace {

enum class Match { listed, wrong_address, unlisted };

Match match_publish(const std::vector<PublishRule>& rules, const std::string& host_ip, int port,
                    const std::string& protocol, const PublishRule** address_rule) {
    Match result = Match::unlisted;
    for (const PublishRule& rule : rules) {
        if (rule.port != port || rule.protocol != protocol) continue;
        if (rule.host_ip.empty() || bare_address(rule.host_ip) == bare_address(host_ip) ||
            (binds_all_addresses(rule.host_ip) && binds_all_addresses(host_ip)))
            return Match::listed;
        result = Match::wrong_address;
        *address_rule = &rule;
    }
    return result;
}

std::vector<std::string> reasons(const RuleInput& input, const ComposeService& service, const PortMapping& port) {
    std::vector<std::string> out;
    if (const Tier* tier = input.tier_of(service.name); tier && (tier->internal || tier->egress == Egress::deny)) {
        out.push_back(fmt::format("tier {} is {}, so nothing in it may be published", tier->name,
                                  tier->internal ? "internal" : "egress: deny"));
    }
    const ServiceSpec* spec = input.spec_of(service.name);
    static const std::vector<PublishRule> none;
    const std::vector<PublishRule>& rules = spec ? spec->publish : none;
    if (port.host_port == 0) {
        out.push_back("a random host port is never in the contract's publish list");
        return out;
    }
    for (int host_port = port.host_port; host_port <= std::max(port.host_port, port.host_port_end); ++host_port) {
        const PublishRule* address_rule = nullptr;
        switch (match_publish(rules, port.host_ip, host_port, port.protocol, &address_rule)) {
            case Match::listed: break;
            case Match::wrong_address:
                out.push_back(fmt::format("the contract allows {}/{} only on {}", host_port, port.protocol,
                                          bare_address(address_rule->host_ip)));
                break;
            case Match::unlisted:
                out.push_back(fmt::format("the contract does not list {}/{} in {}'s publish", host_port,
                                          port.protocol, service.name));
                break;
        }
    }
    return out;
}

}  // namespace

void check_published_ports(const RuleInput& input, Findings& out) {
    for (const ComposeService& service : input.model.services) {
        for (const PortMapping& port : service.ports) {
            if (!port.published) continue;
            std::vector<std::string> why = reasons(input, service, port);
            if (why.empty()) continue;
            Finding& finding = out.add(
                "MESH006", service.name, port.where.line ? port.where : service.where,
                fmt::format("{} publishes {}: {}", service.name, describe_published(port), fmt::join(why, "; ")),
                "remove the port (use expose: for other containers), bind it to the address the contract lists "
                "(\"127.0.0.1:HOST:CONTAINER\"), or add it to the service's publish: in the contract");
            if (const ServiceSpec* spec = input.spec_of(service.name)) finding.contract_where = spec->where;
        }
    }
}

}  // namespace meshprobe
