#include "topology/live_topology.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "generated_stack.h"
#include "reports/topology/topology_render.h"
#include "live_small_stack.h"

using namespace meshprobe;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

using meshprobe::testing::LiveSmallStack;
using meshprobe::testing::running;

TEST_F(LiveSmallStack, AStackRunningAsComposedHasTheStaticPathsWithTheEngineAddresses) {
    const Topology t = topology();
    EXPECT_EQ(t.source, "live");
    const TopologyService* web = t.find_service("web");
    ASSERT_NE(web, nullptr);
    ASSERT_EQ(web->attachments.size(), 2u);
    EXPECT_EQ(web->attachments[0].network, "front");
    EXPECT_EQ(web->attachments[0].ipv4_address, "172.30.0.2");
    EXPECT_TRUE(web->attachments[0].declared);
    ASSERT_EQ(web->containers.size(), 1u);
    EXPECT_EQ(web->containers[0].state, "running");
    const TopologyPath* allowed = path(t, "web", "api", 8080);
    ASSERT_NE(allowed, nullptr);
    EXPECT_EQ(allowed->verdict, PathVerdict::allowed);
    EXPECT_EQ(path(t, "web", "db", 5432), nullptr);
}

TEST_F(LiveSmallStack, AnAttachmentMadeByHandCarriesAForbiddenPathAndSaysNoFileDeclaresIt) {
    live.services[0].addresses.push_back({"data", "172.32.0.9", ""});  // docker network connect small_data web
    const Topology t = topology();
    const TopologyPath* p = path(t, "web", "db", 5432);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->verdict, PathVerdict::forbidden);
    EXPECT_EQ(p->networks, std::vector<std::string>{"data"});
    EXPECT_THAT(reason_of(t, *p), HasSubstr("web attached now, in no compose file"));
    const TopologyAttachment& added = t.find_service("web")->attachments.back();
    EXPECT_FALSE(added.declared);
    EXPECT_TRUE(added.where.file.empty());
}

TEST_F(LiveSmallStack, AServiceThatIsNotRunningCarriesNothingAndItsAllowedFlowsAreBroken) {
    live.services.erase(live.services.begin() + 2);  // db
    live.containers[2].state = "exited";
    const Topology t = topology();
    EXPECT_TRUE(t.find_service("db")->attachments.empty());
    EXPECT_EQ(t.find_service("db")->containers.at(0).state, "exited");
    const TopologyPath* p = path(t, "api", "db", 5432);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->verdict, PathVerdict::broken);
}

TEST_F(LiveSmallStack, PublishedPortsAreTheEngineBindingsWithTheComposeLineThatAskedForThem) {
    live.services[0].published.push_back(PortMapping::bound(80, "tcp", "0.0.0.0", 49153));
    const Topology t = topology();
    const TopologyService* web = t.find_service("web");
    ASSERT_EQ(web->published.size(), 2u);
    EXPECT_EQ(web->published[1].host_ip, "0.0.0.0");
    EXPECT_EQ(web->published[1].host_port, 49153);
    EXPECT_EQ(web->published[1].where.line, 2);
}

TEST_F(LiveSmallStack, AServiceOnlyTheEngineRunsIsInTheModel) {
    live.services.push_back(running("debug", {{"back", "172.31.0.99", ""}}));
    const Topology t = topology();
    ASSERT_NE(t.find_service("debug"), nullptr);
    const TopologyPath* p = path(t, "debug", "api", 8080);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->verdict, PathVerdict::forbidden);
}

TEST_F(LiveSmallStack, ANetworkOnlyTheEngineHasIsAddedUnderItsEngineName) {
    live.services[0].addresses.push_back({"bridge", "172.17.0.5", ""});  // web
    live.services[2].addresses.push_back({"bridge", "172.17.0.6", ""});  // db
    const Topology t = topology();
    ASSERT_NE(t.find_network("bridge"), nullptr);
    const TopologyPath* p = path(t, "web", "db", 5432);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->networks, std::vector<std::string>{"bridge"});
}

// run, watch and explain --live predict from what runs, as topology --live shows it.
TEST_F(LiveSmallStack, ThePredictionOfTheRunningStackSeesAnAttachmentMadeByHand) {
    live.services[0].addresses.push_back({"data", "172.32.0.9", ""});  // docker network connect small_data web
    const auto [contract, environment, model, elsewhere] = loaded();
    EXPECT_FALSE(Prediction(model).reaches("web", "db"));  // the compose files alone
    const Prediction running = predict_running(model, live, contract.project, {}, 0);
    EXPECT_TRUE(running.reaches("web", "db"));
    EXPECT_NE(path(build_live_topology(contract, model, environment, live), "web", "db", 5432), nullptr);
}

TEST_F(LiveSmallStack, ThePredictionOfTheRunningStackHasAStoppedServiceReachNothing) {
    live.services.erase(live.services.begin() + 2);  // db
    live.containers[2].state = "exited";
    const auto [contract, environment, model, elsewhere] = loaded();
    EXPECT_FALSE(predict_running(model, live, contract.project, {}, 0).reaches("api", "db"));
}

TEST_F(LiveSmallStack, AnExternalNetworkIsKeptByItsEngineNameUnderItsComposeKey) {
    folder.write("docker-compose.yaml", R"(services:
  web: {image: x, networks: [front, back], expose: ["80"]}
  api: {image: x, networks: [back, data], expose: ["8080"]}
  db: {image: x, networks: [data], expose: ["5432"]}
networks: {front: {external: true, name: shared-front}, back: {}, data: {}}
)");
    const auto [contract, environment, model, elsewhere] = loaded();
    const std::map<std::string, std::string> external = external_networks(model, contract.project);
    EXPECT_EQ(external, (std::map<std::string, std::string>{{"shared-front", "front"}}));
}

namespace {

std::vector<std::string> described(const std::vector<TopologyPath>& paths) {
    std::vector<std::string> out;
    for (const TopologyPath& p : paths) {
        out.push_back(fmt::format("{} -> {}:{} on [{}] {} flow {} reverse of '{}'", p.from, p.to,
                                  p.port ? std::to_string(*p.port) : "any", fmt::join(p.networks, ","),
                                  to_string(p.verdict), p.flow.str(), p.reverse_of));
    }
    return out;
}

}  // namespace

// topology --live past the size threshold, and audit --live, never build the per-pair paths.
TEST(LiveTopologyByClass, TwoThousandRunningContainersBuiltByClassHaveNoPerPairPaths) {
    const meshprobe::testing::ScratchFolder folder;
    const auto [contract, environment, model, elsewhere] =
        load_contract_environment(meshprobe::testing::write_flat_stack(folder, 2000), "");
    LiveStack live;
    live.project = contract.project;
    live.networks.push_back({"flat", "flat_flat", "flat", false, {}});
    for (const StackService& s : model.services) {
        live.services.push_back(running(s.name, {{"flat", "10.0.0.1", ""}}));
        live.containers.push_back({s.name, s.name, live.services.back().container_name, "running", "", "", 1});
    }
    const Topology t = build_live_topology(contract, model, environment, live, PathForm::classes);
    EXPECT_TRUE(t.paths.empty());
    EXPECT_EQ(t.services.size(), 2000u);
    EXPECT_LT(t.classes.size(), 10u);
    EXPECT_EQ(pair_count(t), 2000u * 1999u);
    EXPECT_TRUE(is_large(t));
}

TEST_F(LiveSmallStack, TheClassFormExpandsToThePerPairFormOfTheRunningStack) {
    live.services[0].addresses.push_back({"data", "172.32.0.9", ""});  // docker network connect small_data web
    live.services.push_back(running("debug", {{"back", "172.31.0.99", ""}}));  // only the engine runs it
    const auto [contract, environment, model, elsewhere] = loaded();
    const Topology pairs = build_live_topology(contract, model, environment, live, PathForm::pairs);
    Topology classes = build_live_topology(contract, model, environment, live, PathForm::classes);
    ASSERT_TRUE(classes.paths.empty());
    expand_live_paths(classes, contract, model, live);
    ASSERT_FALSE(pairs.paths.empty());
    EXPECT_THAT(described(classes.paths), ElementsAreArray(described(pairs.paths)));
    EXPECT_EQ(pair_count(classes), pairs.paths.size());
}
