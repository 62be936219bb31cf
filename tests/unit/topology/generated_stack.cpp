#include "generated_stack.h"

#include <fmt/format.h>

#include <vector>

namespace meshprobe::testing {
namespace {

struct TierShape {
    const char* name;
    int base_port;
};
const std::vector<TierShape> kTiers{{"edge", 8100}, {"auth", 8200}, {"api", 8300}, {"data", 5400}};

std::string networks_of(const std::string& tier, int index, int per_tier) {
    if (tier == "edge") return "[edge_tier, auth_tier, api_tier]";
    if (tier == "auth") return "[auth_tier, data_tier]";
    if (tier == "api") return index < per_tier / 2 ? "[api_tier, auth_tier, data_tier]" : "[api_tier, auth_tier]";
    return "[data_tier]";
}

}  // namespace

std::string write_tiered_stack(const ScratchFolder& folder, int per_tier) {
    std::string compose = "services:\n", services, half_api;
    for (const TierShape& tier : kTiers) {
        for (int i = 0; i < per_tier; ++i) {
            const std::string name = fmt::format("{}-{:02d}", tier.name, i + 1);
            const int port = tier.base_port + i + 1;
            compose += fmt::format("  {}: {{image: x, expose: [\"{}\"], networks: {}}}\n", name, port,
                                   networks_of(tier.name, i, per_tier));
            services += fmt::format("  {}: {{tier: {}, ports: [{}]}}\n", name, tier.name, port);
            if (std::string(tier.name) == "api" && i < per_tier / 2) half_api += ", " + name;
        }
    }
    compose += "networks:\n  edge_tier: {}\n  auth_tier: {}\n  api_tier: {}\n  data_tier: {internal: true}\n";
    folder.write("docker-compose.yaml", compose);
    return folder.write("mesh.yaml", "version: 1\nproject: generated\ncompose: {files: [docker-compose.yaml]}\n"
                                     "tiers:\n  edge: {network: edge_tier, egress: allow}\n  auth: {network: auth_tier}\n"
                                     "  api: {network: api_tier}\n  data: {network: data_tier, internal: true, egress: deny}\n"
                                     "services:\n" + services +
                                     "flows:\n  - {from: edge, to: [auth, api]}\n  - {from: api, to: auth}\n"
                                     "  - {from: [auth" + half_api + "], to: data}\n"
                                     "policy: {same_tier: allow, cross_tier: deny, reverse: allow}\n");
}

std::string write_flat_stack(const ScratchFolder& folder, int services) {
    std::string compose = "services:\n", contract_services;
    for (int i = 0; i < services; ++i) {
        compose += fmt::format("  svc-{:05d}: {{image: x, expose: [\"{}\"], networks: [flat]}}\n", i + 1, 10000 + i);
        contract_services += fmt::format("  svc-{:05d}: {{tier: all}}\n", i + 1);
    }
    folder.write("docker-compose.yaml", compose + "networks:\n  flat: {}\n");
    return folder.write("mesh.yaml", "version: 1\nproject: flat\ncompose: {files: [docker-compose.yaml]}\n"
                                     "tiers:\n  all: {network: flat}\nservices:\n" + contract_services + "flows: []\n");
}

}  // namespace meshprobe::testing
