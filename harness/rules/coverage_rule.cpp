#include "rules/rules.h"

namespace meshprobe {

void check_coverage(const RuleInput& input, Findings& out) {
    for (const StackService& service : input.model.services) {
        if (input.tier_of(service.name)) continue;
        out.add("MESH001", service.name, service.where,
                "service " + service.name + " has no tier, so only flows that name it allow its paths: every other path from or to it is forbidden",
                "give it a tier under services: in the contract, or a tier: in its metadata file");
    }
}

}  // namespace meshprobe
