#include "topology/topology.h"
#include "topology/prediction.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "contract/contract_loader.h"
#include "core/errors.h"
#include "reports/topology/topology_render.h"
#include "project/model_source.h"
#include "scratch_folder.h"

using namespace meshprobe;
using ::testing::HasSubstr;

namespace {

Topology topology_of(const std::string& contract_path) {
    const auto [contract, environment, model, elsewhere] = load_contract_environment(contract_path, "");
    return build_topology(contract, model, environment);
}

Topology of_fixture(const std::string& contract) { return topology_of(std::string(FIXTURES_DIR) + "/" + contract); }

// web (edge) may reach api:8080, api may reach db:5432 but shares no network with it, cache
// serves no known port, side lives in api's namespace.
class SmallStack : public ::testing::Test {
protected:
    SmallStack() {
        folder.write("docker-compose.yaml", R"(services:
  web: {image: x, networks: [front, back], expose: ["80"]}
  api: {image: x, networks: [back], expose: ["8080"]}
  cache: {image: x, networks: [back]}
  side: {image: x, network_mode: "service:api"}
  db: {image: x, networks: [data]}
networks: {front: {}, back: {}, data: {}}
)");
        folder.write("mesh.yaml", R"(version: 1
project: small
compose: {files: [docker-compose.yaml]}
tiers:
  edge: {network: front}
  app: {network: back}
  data: {network: data}
services:
  web: {tier: edge}
  api: {tier: app}
  cache: {tier: app}
  side: {tier: app}
  db: {tier: data, ports: [5432]}
flows:
  - {from: web, to: api, ports: [8080]}
  - {from: api, to: db, ports: [5432]}
)");
        topology = topology_of(folder.path("mesh.yaml"));
    }

    const TopologyPath* path(const std::string& from, const std::string& to, std::optional<int> port) const {
        auto it = std::find_if(topology.paths.begin(), topology.paths.end(), [&](const TopologyPath& p) {
            return p.from == from && p.to == to && p.port == port;
        });
        return it == topology.paths.end() ? nullptr : &*it;
    }

    meshprobe::testing::ScratchFolder folder{"topology-test"};
    Topology topology;
};

}  // namespace

TEST_F(SmallStack, AnAllowedPathNamesTheFlowAndTheAttachmentsThatCarryIt) {
    const TopologyPath* p = path("web", "api", 8080);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->verdict, PathVerdict::allowed);
    EXPECT_EQ(p->networks, std::vector<std::string>{"back"});
    EXPECT_EQ(reason_of(topology, *p), "flow mesh.yaml:15; carried by back (web docker-compose.yaml:2, api docker-compose.yaml:3)");
}

TEST_F(SmallStack, SameTierIsItsOwnReason) {
    const TopologyPath* p = path("cache", "api", 8080);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->verdict, PathVerdict::allowed);
    EXPECT_THAT(reason_of(topology, *p), HasSubstr("same tier app (policy same_tier: allow)"));
}

TEST_F(SmallStack, ATargetWithoutAKnownPortIsReachableOnEveryPort) {
    const TopologyPath* p = path("web", "cache", std::nullopt);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->verdict, PathVerdict::forbidden);
    EXPECT_THAT(reason_of(topology, *p), HasSubstr("no port of cache is known, and Docker opens every port"));
    EXPECT_EQ(nlohmann::json(topology)["paths"][0].count("port"), 1u);
}

TEST_F(SmallStack, ATargetThatServesNoPortHasNoPathToIt) {
    std::string contract = folder.path("mesh.yaml");
    folder.write("silent.yaml", R"(version: 1
project: small
compose: {files: [docker-compose.yaml]}
tiers:
  edge: {network: front}
  app: {network: back}
  data: {network: data}
services:
  web: {tier: edge}
  api: {tier: app}
  cache: {tier: app, ports: none}
  side: {tier: app}
  db: {tier: data, ports: [5432]}
)");
    const Topology silent = topology_of(folder.path("silent.yaml"));
    for (const TopologyPath& p : silent.paths) EXPECT_NE(p.to, "cache") << p.from << " -> cache";
    EXPECT_TRUE(std::any_of(silent.paths.begin(), silent.paths.end(), [](const TopologyPath& p) { return p.from == "cache"; }));
}

TEST_F(SmallStack, TheOtherSideOfAnAllowedFlowIsAReversePath) {
    const TopologyPath* p = path("api", "web", 80);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->verdict, PathVerdict::reverse);
    EXPECT_THAT(reason_of(topology, *p), HasSubstr("reverse of web -> api:8080"));
}

TEST_F(SmallStack, AnAllowedFlowThatNoNetworkCarriesIsBroken) {
    const TopologyPath* p = path("api", "db", 5432);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->verdict, PathVerdict::broken);
    EXPECT_TRUE(p->networks.empty());
    EXPECT_EQ(reason_of(topology, *p), "flow mesh.yaml:16 allows it, but no network carries it");
}

// The sidecar is api's namespace: what reaches api reaches it, and it reaches what api reaches.
TEST_F(SmallStack, ASidecarSharesItsOwnersPaths) {
    const TopologyPath* in = path("web", "side", std::nullopt);
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(in->networks, std::vector<std::string>{"back"});
    const TopologyPath* out = path("side", "web", 80);
    ASSERT_NE(out, nullptr);
    EXPECT_EQ(out->networks, std::vector<std::string>{"back"});
    EXPECT_EQ(topology.find_service("side")->network_mode, "service:api");
}

TEST_F(SmallStack, JsonNamesItsSchemaAndEveryPortOrAny) {
    const nlohmann::json json(topology);
    EXPECT_EQ(json["schema"], "meshprobe.topology/v1");
    EXPECT_EQ(json["source"], "static");
    bool any = std::any_of(json["paths"].begin(), json["paths"].end(), [](const auto& p) { return p["port"] == "any"; });
    EXPECT_TRUE(any);
}

TEST_F(SmallStack, GraphsDrawTiersAsClustersAndForbiddenPathsRed) {
    const std::string mermaid = to_mermaid(topology);
    EXPECT_THAT(mermaid, HasSubstr("subgraph c0[\"edge (network front)\"]"));
    EXPECT_THAT(mermaid, HasSubstr("-.->|\"broken 5432\"|"));
    EXPECT_THAT(mermaid, HasSubstr("linkStyle"));
    const std::string dot = to_dot(topology);
    EXPECT_THAT(dot, HasSubstr("subgraph cluster_0"));
    EXPECT_THAT(dot, HasSubstr("\"web\" -> \"cache\" [label=\"any\", color=red, fontcolor=red];"));
    EXPECT_THAT(dot, HasSubstr("\"api\" -> \"db\" [label=\"broken 5432\", style=dashed];"));
}

TEST_F(SmallStack, TheSameInputGivesTheSameBytes) {
    const Topology again = topology_of(folder.path("mesh.yaml"));
    EXPECT_EQ(nlohmann::json(again).dump(), nlohmann::json(topology).dump());
    EXPECT_EQ(to_mermaid(again), to_mermaid(topology));
    EXPECT_EQ(to_dot(again), to_dot(topology));
}

TEST(Topology, TheReferenceExampleHasNoForbiddenOrBrokenPath) {
    const Topology topology = of_fixture("devonboarder/mesh.yaml");
    EXPECT_FALSE(topology.paths.empty());
    for (const TopologyPath& p : topology.paths) {
        EXPECT_TRUE(p.verdict == PathVerdict::allowed || p.verdict == PathVerdict::reverse)
            << p.from << " -> " << p.to << ": " << reason_of(topology, p);
    }
}

TEST(Topology, ADatabaseOnTheAuthTierHasForbiddenPathsOverThatNetwork) {
    const Topology topology = of_fixture("broken/db-on-auth-tier/mesh.yaml");
    std::vector<std::string> forbidden;
    for (const TopologyPath& p : topology.paths) {
        if (p.verdict != PathVerdict::forbidden) continue;
        EXPECT_EQ(p.networks, std::vector<std::string>{"auth_tier"});
        EXPECT_THAT(reason_of(topology, p), HasSubstr("db docker-compose.override.yaml:8"));
        if (p.to == "db") forbidden.push_back(p.from + "->db:" + std::to_string(p.port.value_or(0)));
    }
    EXPECT_THAT(forbidden, ::testing::UnorderedElementsAre("traefik->db:5432", "discord-integration->db:5432",
                                                           "bot->db:5432"));
}

namespace {

std::vector<TopologyPath> between(const std::string& contract_path, const std::string& from, const std::string& to,
                                  std::optional<int> port) {
    const auto [contract, environment, model, elsewhere] = load_contract_environment(contract_path, "");
    return paths_between(contract, model, environment, from, to, port).paths;
}

}  // namespace

TEST_F(SmallStack, ExplainingAnAllowedCarriedPathAgrees) {
    const auto paths = between(folder.path("mesh.yaml"), "web", "api", 8080);
    ASSERT_EQ(paths.size(), 1u);
    EXPECT_EQ(paths[0].verdict, PathVerdict::allowed);
    EXPECT_TRUE(agrees(paths[0]));
}

TEST_F(SmallStack, ExplainingAForbiddenCarriedPathDisagrees) {
    const auto paths = between(folder.path("mesh.yaml"), "web", "cache", std::nullopt);
    ASSERT_EQ(paths.size(), 1u);
    EXPECT_EQ(paths[0].verdict, PathVerdict::forbidden);
    EXPECT_FALSE(agrees(paths[0]));
}

TEST_F(SmallStack, ExplainingAFlowNoNetworkCarriesDisagrees) {
    const auto paths = between(folder.path("mesh.yaml"), "api", "db", std::nullopt);
    ASSERT_EQ(paths.size(), 1u);
    EXPECT_EQ(paths[0].verdict, PathVerdict::broken);
    EXPECT_FALSE(agrees(paths[0]));
}

TEST_F(SmallStack, ExplainingAPathNothingCarriesAndNoFlowWantsAgreesAsBlocked) {
    const auto paths = between(folder.path("mesh.yaml"), "web", "db", 5432);
    ASSERT_EQ(paths.size(), 1u);
    EXPECT_EQ(paths[0].verdict, PathVerdict::blocked);
    EXPECT_TRUE(agrees(paths[0]));
}

TEST_F(SmallStack, ExplainingAPortTheTargetDoesNotDeclareJudgesThatPort) {
    // Docker opens every port: web reaches api on 9999 too, and no flow allows that.
    const auto paths = between(folder.path("mesh.yaml"), "web", "api", 9999);
    ASSERT_EQ(paths.size(), 1u);
    EXPECT_EQ(paths[0].verdict, PathVerdict::forbidden);
}

TEST_F(SmallStack, ExplainingAnUnknownServiceIsAnInputError) {
    EXPECT_THROW(between(folder.path("mesh.yaml"), "web", "nope", std::nullopt), InputError);
}

TEST(HostFirewall, ABridgeIsClosedByADropOrRejectOfAllItsInput) {
    const std::string listing =
        "-P INPUT ACCEPT\n"
        "-A INPUT -i mp-data -m comment --comment \"meshprobe-egress:mp-data\" -j DROP\n"
        "-A INPUT -i br-rej -j REJECT --reject-with icmp-port-unreachable\n"
        "-A INPUT -i br-ssh -p tcp -m tcp --dport 22 -j DROP\n"
        "-A INPUT ! -i br-not -j DROP\n"
        "-A INPUT -i br-ok -j ACCEPT\n";
    EXPECT_EQ(HostFirewall::closed_interfaces(listing), (std::set<std::string>{"mp-data"}));
}

TEST_F(SmallStack, PredictionFollowsTheNetworksAndAliases) {
    const ContractEnvironment loaded = load_contract_environment(folder.path("mesh.yaml"), "");
    Prediction prediction(loaded.model);
    EXPECT_TRUE(prediction.reaches("web", "api"));
    EXPECT_FALSE(prediction.reaches("web", "db"));
    EXPECT_TRUE(prediction.reaches("web", "side"));  // side is api's namespace
    EXPECT_TRUE(prediction.attached("side", "back"));
    EXPECT_TRUE(prediction.resolves("web", "api", "api"));
    EXPECT_FALSE(prediction.resolves("web", "db", "db"));
    EXPECT_TRUE(prediction.reaches_host({"data"}, false));
    EXPECT_FALSE(prediction.reaches_host({"data"}, true));  // no IPv6 on data
    EXPECT_TRUE(prediction.reaches_outside({"data"}));
}

TEST(Prediction, AnotherBridgesGatewayIsOutOfReachFromAnInternalNetworkOnEngine26) {
    StackModel model;
    StackNetwork data;
    data.key = "data";
    data.internal = true;
    model.networks.push_back(data);
    EXPECT_TRUE(Prediction(model, {}, 20).reaches_gateway({"data"}, "bridge", false));
    EXPECT_FALSE(Prediction(model, {}, 26).reaches_gateway({"data"}, "bridge", false));
    EXPECT_TRUE(Prediction(model, {}, 26).reaches_gateway({"data"}, "data", false));
}

TEST(Prediction, AnInternalNetworkReachesTheHostUnlessItsBridgeIsClosed) {
    StackModel model;
    StackNetwork data;
    data.key = "data";
    data.internal = true;
    data.driver_opts = {{"com.docker.network.bridge.name", "mp-data"}};
    model.networks.push_back(data);
    EXPECT_TRUE(Prediction(model).reaches_host({"data"}, false));
    EXPECT_FALSE(Prediction(model).reaches_outside({"data"}));
    HostFirewall closed;
    closed.closed_v4 = {"mp-data"};
    EXPECT_FALSE(Prediction(model, closed).reaches_host({"data"}, false));
}

TEST(ContractEnvironment, DotEnvIsReadBesideTheFirstComposeFileAsComposeDoes) {
    meshprobe::testing::ScratchFolder folder{"dotenv-test"};
    folder.write("app/docker-compose.yaml", "services:\n  api: {image: x, expose: [\"${API_PORT}\"]}\n");
    folder.write("app/.env", "API_PORT=8080\n");
    folder.write("contract/mesh.yaml", R"(version: 1
project: dotenv
compose: {files: [../app/docker-compose.yaml]}
tiers:
  app: {network: default}
services:
  api: {tier: app}
)");
    const ContractEnvironment loaded = load_contract_environment(folder.path("contract/mesh.yaml"), "");
    ASSERT_NE(loaded.model.find_service("api"), nullptr);
    EXPECT_EQ(loaded.model.find_service("api")->expose, std::vector<int>{8080});
}

namespace {

StackService service_on(const std::string& name, std::vector<std::string> networks, const std::string& mode = "") {
    StackService s;
    s.name = name;
    s.network_mode = mode;
    for (std::string& n : networks) s.networks.push_back(NetworkAttachment{std::move(n), {}, {}, {}, {}});
    return s;
}

StackModel model_of(std::vector<StackService> services) {
    StackModel model;
    model.services = std::move(services);
    for (const char* key : {"back", "data"}) {
        StackNetwork n;
        n.key = key;
        model.networks.push_back(n);
    }
    return model;
}

}  // namespace

// Prediction asks the model which networks carry a path (service_reach.h), so it follows a
// `container:` sidecar as check and topology do.
TEST(Prediction, AContainerSidecarReachesWhatItsOwnerReaches) {
    StackService api = service_on("api", {"back"});
    api.container_name = "the-api";
    const Prediction prediction(model_of({service_on("web", {"back"}), api, service_on("side", {}, "container:the-api")}));
    EXPECT_TRUE(prediction.reaches("web", "side"));
    EXPECT_EQ(prediction.networks_of("side"), std::vector<std::string>{"back"});
}

// The host's namespace is reached through a network's gateway, as the model says, but compose's
// DNS serves no name of a `host` service: it is attached to no network of the stack.
TEST(Prediction, AHostServiceNameResolvesNowhere) {
    const Prediction prediction(model_of({service_on("web", {"back"}), service_on("agent", {}, "host")}));
    EXPECT_FALSE(prediction.resolves("web", "agent", "agent"));
    EXPECT_TRUE(prediction.networks_of("agent").empty());
}
