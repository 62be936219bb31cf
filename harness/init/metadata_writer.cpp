#include "init/metadata_writer.h"

#include <fmt/format.h>

#include "init/contract_writer.h"

namespace meshprobe {
namespace {

std::string comment(const std::vector<std::string>& why, const std::string& otherwise) {
    return fmt::format("  # {}", why.empty() ? otherwise : fmt::format("{}", fmt::join(why, "; ")));
}

}  // namespace

bool is_dependency(const InferredFlow& flow) { return flow.ports.empty(); }

std::string write_metadata(const InferredContract& contract, const InferredService& s) {
    std::string out = fmt::format(
        "# Service {}, written by `meshprobe init` from the compose files: each value says where it\n"
        "# came from. The team that owns the service keeps this file; mesh.yaml reads it through `metadata:`.\n",
        s.name);
    out += "service_name: " + yaml_scalar(s.name) + "\n";
    out += "tier: " + yaml_scalar(s.tier) + comment(s.tier_why, "its only network") + "\n";
    if (!s.role.empty()) out += "role: " + yaml_scalar(s.role) + comment({s.role_why}, "") + "\n";

    std::vector<const InferredFlow*> in_contract;
    std::string dependencies;
    for (const InferredFlow& flow : contract.flows) {
        if (flow.from != s.name) continue;
        if (!is_dependency(flow)) {
            in_contract.push_back(&flow);
            continue;
        }
        dependencies += "  - " + yaml_scalar(flow.to) + comment({flow.why}, "") + "\n";
    }
    if (!dependencies.empty()) out += "dependencies:  # each a flow from " + s.name + " on every port of the dependency\n" + dependencies;

    if (!s.ports.empty())
        out += fmt::format("exposed_ports: [{}]", fmt::join(s.ports, ", ")) +
               comment(s.ports_why, "compose's expose and container ports") + "\n";
    if (!s.internal_endpoints.empty()) {
        out += "internal_endpoints:\n";
        for (const std::string& url : s.internal_endpoints)
            out += "  - " + yaml_scalar(url) + comment({s.endpoints_why}, "") + "\n";
    }
    if (!in_contract.empty()) {
        // Said here too, so that the file alone tells the whole story of what the service opens.
        out += "# Flows from it on named ports are in mesh.yaml, as a dependency allows every port:\n";
        for (const InferredFlow* flow : in_contract)
            out += fmt::format("#   to {} on {} ({})\n", flow->to, fmt::join(flow->ports, ", "), flow->why);
    }
    return out;
}

}  // namespace meshprobe
