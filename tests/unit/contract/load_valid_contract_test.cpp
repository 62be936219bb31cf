#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "contract_test_support.h"

namespace meshprobe {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using testing::valid_example_dir;

class ValidContract : public ::testing::Test {
protected:
    static void SetUpTestSuite() { contract_ = load_contract(mesh_path()); }
    static std::string mesh_path() { return (valid_example_dir() / "mesh.yaml").string(); }
    static std::string absolute(const std::string& relative) {
        return (fs::absolute(valid_example_dir()) / relative).lexically_normal().string();
    }
    static const Contract& contract() { return contract_; }

private:
    static inline Contract contract_;
};

TEST_F(ValidContract, KeepsThePathAsGivenAndTheFolderAbsolute) {
    EXPECT_EQ(contract().path, mesh_path());
    EXPECT_EQ(contract().dir, fs::absolute(valid_example_dir()).lexically_normal().string());
}

TEST_F(ValidContract, NormalisesTheProjectNameLikeCompose) {
    EXPECT_EQ(contract().project, "devonboarder");
}

TEST_F(ValidContract, ResolvesComposeFilesAgainstTheContractFolder) {
    EXPECT_THAT(contract().compose_files, ElementsAre(absolute("docker-compose.yaml")));
    EXPECT_EQ(contract().env_file, absolute(".env"));
    EXPECT_EQ(contract().metadata_dir, absolute(".codex/services"));
}

TEST_F(ValidContract, ReadsEnvironmentsWithFilesAndProfiles) {
    ASSERT_EQ(contract().environments.size(), 2u);
    const Environment* dev = contract().find_environment("dev");
    ASSERT_NE(dev, nullptr);
    EXPECT_THAT(dev->files, ElementsAre(absolute("docker-compose.dev.yaml")));
    EXPECT_THAT(dev->profiles, ElementsAre("debug"));
    EXPECT_EQ(dev->where.line, 7);
    const Environment* prod = contract().find_environment("prod");
    ASSERT_NE(prod, nullptr);
    EXPECT_THAT(prod->files, ElementsAre(absolute("docker-compose.prod.yaml")));
    EXPECT_TRUE(prod->profiles.empty());
}

TEST_F(ValidContract, ReadsTiersWithDefaultsAndLocations) {
    ASSERT_EQ(contract().tiers.size(), 4u);
    const Tier* edge = contract().find_tier("edge");
    ASSERT_NE(edge, nullptr);
    EXPECT_EQ(edge->network, "edge_tier");
    EXPECT_FALSE(edge->internal);
    EXPECT_EQ(edge->egress, Egress::allow);
    EXPECT_EQ(edge->where.file, mesh_path());
    EXPECT_EQ(edge->where.line, 11);
    const Tier* auth = contract().find_tier("auth");
    ASSERT_NE(auth, nullptr);
    EXPECT_EQ(auth->egress, Egress::allow);
    const Tier* data = contract().tier_of_network("data_tier");
    ASSERT_NE(data, nullptr);
    EXPECT_EQ(data->name, "data");
    EXPECT_TRUE(data->internal);
    EXPECT_EQ(data->egress, Egress::deny);
    EXPECT_EQ(data->where.line, 14);
}

TEST_F(ValidContract, ReadsPublishRulesWithAddressesAndProtocols) {
    const ServiceSpec* traefik = contract().find_service("traefik");
    ASSERT_NE(traefik, nullptr);
    EXPECT_EQ(traefik->tier, "edge");
    ASSERT_EQ(traefik->publish.size(), 4u);
    EXPECT_EQ(traefik->publish[0].port, 80);
    EXPECT_EQ(traefik->publish[0].protocol, "tcp");
    EXPECT_EQ(traefik->publish[0].host_ip, "");
    EXPECT_EQ(traefik->publish[1].port, 443);
    EXPECT_EQ(traefik->publish[2].host_ip, "127.0.0.1");
    EXPECT_EQ(traefik->publish[2].port, 8090);
    EXPECT_EQ(traefik->publish[2].protocol, "tcp");
    EXPECT_EQ(traefik->publish[3].host_ip, "::1");
    EXPECT_EQ(traefik->publish[3].port, 53);
    EXPECT_EQ(traefik->publish[3].protocol, "udp");
    EXPECT_EQ(traefik->publish[3].where.line, 16);
}

TEST_F(ValidContract, ReadsServicesPortsAndAliases) {
    const ServiceSpec* backend = contract().find_service("backend");
    ASSERT_NE(backend, nullptr);
    EXPECT_THAT(backend->ports, ElementsAre(8001));  // a scalar counts as a one-port list
    EXPECT_EQ(backend->where.line, 18);
    const ServiceSpec* db = contract().find_service("db");
    ASSERT_NE(db, nullptr);
    EXPECT_EQ(db->tier, "data");
    EXPECT_THAT(db->ports, ElementsAre(5432));
    EXPECT_THAT(db->aliases, ElementsAre("db.devonboarder.internal"));
}

TEST_F(ValidContract, ReadsFlowsInBothStylesWithTheirLines) {
    ASSERT_GE(contract().flows.size(), 3u);
    const Flow& edge = contract().flows[0];
    EXPECT_THAT(edge.from, ElementsAre(FlowSide::tier("edge")));
    EXPECT_THAT(edge.to, ElementsAre(FlowSide::tier("auth"), FlowSide::tier("api")));
    EXPECT_TRUE(edge.ports.empty());
    EXPECT_EQ(edge.where.line, 22);
    const Flow& data = contract().flows[1];
    EXPECT_THAT(data.from, ElementsAre(FlowSide::tier("api"), FlowSide::tier("auth")));
    EXPECT_THAT(data.to, ElementsAre(FlowSide::service("db")));
    EXPECT_THAT(data.ports, ElementsAre(5432));
    const Flow& block = contract().flows[2];
    EXPECT_THAT(block.from, ElementsAre(FlowSide::service("backend")));
    EXPECT_THAT(block.to, ElementsAre(FlowSide::service("auth-service")));
    EXPECT_THAT(block.ports, ElementsAre(8002));
    EXPECT_EQ(block.where.line, 24);
}

TEST_F(ValidContract, ReadsPolicy) {
    EXPECT_FALSE(contract().policy.same_tier_allow);
    EXPECT_FALSE(contract().policy.reverse_allow);
}

TEST_F(ValidContract, ReadsProbeSettingsWithDefaultEgressPort) {
    EXPECT_EQ(contract().probe.timeout_ms, 1500);
    ASSERT_EQ(contract().probe.egress_targets.size(), 2u);
    EXPECT_EQ(contract().probe.egress_targets[0].str(), "198.18.0.2:8080");
    EXPECT_EQ(contract().probe.egress_targets[1].host, "example.org");
    EXPECT_EQ(contract().probe.egress_targets[1].port, 80);
    EXPECT_EQ(contract().probe.egress_targets[1].where.line, 33);
}

TEST_F(ValidContract, ReadsSuppressions) {
    ASSERT_EQ(contract().suppressions.size(), 2u);
    EXPECT_EQ(contract().suppressions[0].rule, "MESH010");
    EXPECT_EQ(contract().suppressions[0].service, "bot");
    EXPECT_EQ(contract().suppressions[0].reason, "legacy bot, moved next sprint");
    EXPECT_EQ(contract().suppressions[0].where.line, 35);
    EXPECT_EQ(contract().suppressions[1].service, "");
}

TEST_F(ValidContract, MergesMetadataIntoContractServices) {
    const ServiceSpec* backend = contract().find_service("backend");
    ASSERT_NE(backend, nullptr);
    EXPECT_EQ(backend->role, "core-api");
    EXPECT_EQ(backend->security_profile, "standard");
    EXPECT_THAT(backend->internal_endpoints, ElementsAre("http://backend:8001/health"));
    EXPECT_THAT(backend->tags, ElementsAre("api", "python"));
    EXPECT_EQ(backend->metadata_where.file,
              (valid_example_dir() / ".codex/services/backend.yaml").string());
    EXPECT_EQ(backend->metadata_where.line, 1);
}

TEST_F(ValidContract, KeepsTheContractPortsOverMetadataExposedPorts) {
    EXPECT_THAT(contract().find_service("backend")->ports, ElementsAre(8001));
}

TEST_F(ValidContract, FillsTheTierOnlyMetadataGives) {
    const ServiceSpec* auth = contract().find_service("auth-service");
    ASSERT_NE(auth, nullptr);
    EXPECT_EQ(auth->tier, "auth");
    EXPECT_EQ(auth->role, "auth");
}

TEST_F(ValidContract, AddsServicesThatOnlyMetadataDescribes) {
    ASSERT_EQ(contract().services.size(), 6u);
    const ServiceSpec& bot = contract().services.back();
    EXPECT_EQ(bot.name, "bot");
    EXPECT_EQ(bot.tier, "api");
    EXPECT_EQ(bot.role, "discord-bot");
    EXPECT_THAT(bot.ports, ElementsAre(8080));
    EXPECT_EQ(bot.where.file, (valid_example_dir() / ".codex/services/bot.yml").string());
    EXPECT_EQ(bot.where.line, 1);
}

TEST_F(ValidContract, TurnsMetadataDependenciesIntoFlowsAfterTheContractFlows) {
    ASSERT_EQ(contract().flows.size(), 6u);
    const Flow& to_auth = contract().flows[3];
    EXPECT_THAT(to_auth.from, ElementsAre(FlowSide::service("backend")));
    EXPECT_THAT(to_auth.to, ElementsAre(FlowSide::service("auth-service")));
    EXPECT_TRUE(to_auth.ports.empty());
    EXPECT_EQ(to_auth.where.file, (valid_example_dir() / ".codex/services/backend.yaml").string());
    EXPECT_EQ(to_auth.where.line, 4);
    EXPECT_THAT(contract().flows[4].to, ElementsAre(FlowSide::service("db")));
    const Flow& bot = contract().flows[5];
    EXPECT_THAT(bot.from, ElementsAre(FlowSide::service("bot")));
    EXPECT_THAT(bot.to, ElementsAre(FlowSide::service("backend")));
    EXPECT_EQ(bot.where.line, 5);
}

}  // namespace
}  // namespace meshprobe
