// MESH006: nothing is published but what the contract's `publish:` lists, on the addresses
// it lists, and nothing at all from a tier that is internal or may not reach out.
#include <fmt/format.h>

#include "policy/publishing.h"
#include "rules/rules.h"

namespace meshprobe {
namespace {

std::string data_tier_reason(const Tier& tier) {
    return fmt::format("tier {} is {}, so nothing in it may be published", tier.name,
                       tier.internal ? "internal" : "egress: deny");
}

std::vector<std::string> reasons(const RuleInput& input, const StackService& service, const PortMapping& port) {
    std::vector<std::string> out;
    if (port.host_port == 0) {
        // Only a tier that may publish nothing says more than "random".
        const PublishDecision decision = judge_publish(input.contract, service.name, port.host_ip, 1, port.protocol);
        if (decision.kind == PublishDecision::Kind::data_tier) out.push_back(data_tier_reason(*decision.tier));
        out.push_back("a random host port is never in the contract's publish list");
        return out;
    }
    for (int host_port = port.host_port; host_port <= std::max(port.host_port, port.host_port_end); ++host_port) {
        const PublishDecision decision = judge_publish(input.contract, service.name, port.host_ip, host_port, port.protocol);
        switch (decision.kind) {
            case PublishDecision::Kind::allowed: break;
            case PublishDecision::Kind::data_tier:
                // Said once for the whole mapping.
                if (out.empty()) out.push_back(data_tier_reason(*decision.tier));
                break;
            case PublishDecision::Kind::wrong_address:
                out.push_back(fmt::format("the contract allows {}/{} only on {}", host_port, port.protocol,
                                          bare_address(decision.rule->host_ip)));
                break;
            case PublishDecision::Kind::unlisted:
            case PublishDecision::Kind::unknown:
                out.push_back(fmt::format("the contract does not list {}/{} in {}'s publish", host_port,
                                          port.protocol, service.name));
                break;
        }
    }
    return out;
}

}  // namespace

void check_published_ports(const RuleInput& input, Findings& out) {
    for (const StackService& service : input.model.services) {
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
