// MESH006: nothing is published but what the contract's `publish:` lists, on the addresses
// it lists, and nothing at all from a tier that is internal or may not reach out.
#include <fmt/format.h>

#include "rules/rules.h"
#include "topology/exposure.h"

namespace meshprobe {

void check_published_ports(const RuleInput& input, Findings& out) {
    for (const StackService& service : input.model.services) {
        for (const PortMapping& port : service.ports) {
            if (!port.published) continue;
            const std::vector<std::string> why = publish_refusals(input.contract, service.name, port);
            if (why.empty()) continue;
            Finding& finding = out.add("MESH006", service.name, port.where.line ? port.where : service.where,
                                       refused_publish_text(service.name, port, fmt::format("{}", fmt::join(why, "; "))),
                                       kPublishFix);
            if (const ServiceSpec* spec = input.spec_of(service.name)) finding.contract_where = spec->where;
        }
    }
}

}  // namespace meshprobe
