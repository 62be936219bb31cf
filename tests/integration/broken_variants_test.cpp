#include <gtest/gtest.h>

#include "mesh_environment.h"
#include "meshprobe_cli.h"

using namespace meshtest;

namespace {

struct Variant {
    std::string folder;
    std::set<std::string> failing;  // exactly these checks fail; every other passes
};

std::vector<Variant> variants() {
    std::string outside = outside_target().empty() ? "198.18.0.2:18080" : outside_target();
    return {
        {"data-not-internal", {"egress:data->" + outside, "egress:db->" + outside}},
        {"db-on-auth-tier",
         {"dns:bot->db", "dns:db->bot", "dns:db->discord-integration", "dns:db->traefik", "dns:discord-integration->db",
          "dns:traefik->db", "egress:db->" + outside, "egress:db->gateway:api_tier", "egress:db->gateway:auth_tier",
          "egress:db->gateway:edge_tier", "egress:db->gateway:bridge", "isolation:auth->db:5432", "reach:bot->db:5432",
          "reach:db->bot:8080", "reach:db->discord-integration:8081", "reach:db->traefik:443", "reach:db->traefik:80",
          "reach:db->traefik:8080", "reach:discord-integration->db:5432", "reach:traefik->db:5432"}},
        {"db-public-port", {"ports:db:5432"}},
        {"alias-spoof",
         {"dns:auth-service->db.devonboarder.internal", "dns:backend->db.devonboarder.internal",
          "dns:dashboard-service->db.devonboarder.internal"}},
        {"backend-off-data", {"dns:backend->db", "dns:backend->db.devonboarder.internal", "reach:backend->db:5432"}},
        {"traefik-off-api",
         {"dns:traefik->api.devonboarder.internal", "dns:traefik->frontend", "reach:traefik->frontend:3000"}},
    };
}

class BrokenVariant : public ::testing::TestWithParam<std::size_t> {};

}  // namespace

TEST_P(BrokenVariant, FailsOnExactlyTheChecksItsMistakeImplies) {
    Variant variant = variants()[GetParam()];
    Outcome outcome = run_standin("broken/" + variant.folder);
    EXPECT_EQ(outcome.exit_code, 1) << outcome.told();
    EXPECT_EQ(outcome.failing(), variant.failing);
    EXPECT_EQ(outcome.count("error"), 0);
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BrokenVariant, ::testing::Range<std::size_t>(0, 6),
                         [](const auto& test) {
                             std::string name = variants()[test.param].folder;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });
