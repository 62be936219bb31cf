#include "rules/rules.h"

namespace meshprobe {
namespace {

const char* const kDefaultNetwork = "default";

void check_tier_attachment(const RuleInput& input, const StackService& service, Findings& out) {
    const Tier* tier = input.tier_of(service.name);
    if (!tier || !service.mode().on_networks() || service.attachment(tier->network)) return;
    Finding& finding = out.add("MESH002", service.name, service.where,
                               "service " + service.name + " (tier " + tier->name + ") is not attached to " +
                                   tier->network + ", its tier's network",
                               "add " + tier->network + " under the service's networks:");
    if (const ServiceSpec* spec = input.spec_of(service.name)) finding.contract_where = spec->where;
}

void check_network_is_known(const RuleInput& input, const StackService& service,
                            const NetworkAttachment& attachment, Findings& out) {
    if (input.contract.tier_of_network(attachment.network)) return;
    if (attachment.network == kDefaultNetwork) {
        out.add("MESH010", service.name, attachment.where.line ? attachment.where : service.where,
                "service " + service.name + " sits on the implicit default network, shared by every service "
                "that lists no networks",
                "list the service's tier network under networks: (compose then leaves it off default)");
        return;
    }
    out.add("MESH015", service.name, attachment.where,
            "service " + service.name + " is attached to " + attachment.network +
                ", a network no tier of the contract names",
            "remove the attachment, or name the network as a tier's network in the contract");
}

}  // namespace

void check_attachments(const RuleInput& input, Findings& out) {
    for (const StackService& service : input.model.services) {
        check_tier_attachment(input, service, out);
        if (!service.mode().on_networks()) continue;
        for (const NetworkAttachment& attachment : service.networks) {
            check_network_is_known(input, service, attachment, out);
        }
    }
}

}  // namespace meshprobe
