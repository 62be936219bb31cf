#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compose_stack.h"
#include "exec/discovery.h"
#include "orchestrator/orchestrators.h"

using namespace meshprobe;
using meshprobe::testing::FakeContainer;
using meshprobe::testing::FakeEngine;
using meshprobe::testing::serve_stack;
using ::testing::ElementsAre;
using ::testing::Field;

namespace {

LiveStack discover(FakeEngine& engine) {
    Docker docker(engine.docker_host());
    return discover_stack(docker, *make_orchestrator("compose", "shop"));
}

}  // namespace

TEST(DiscoverStack, NamesEachContainerByItsServiceAndReplica) {
    FakeEngine engine;
    serve_stack(engine, {{"c2", "shop-db-2", "db", 2, "running", "shop_data", "172.30.0.3"},
                         {"c1", "shop-db-1", "db", 1, "running", "shop_data", "172.30.0.2"}});
    const LiveStack live = discover(engine);
    EXPECT_EQ(live.project, "shop");
    ASSERT_EQ(live.services.size(), 2u);
    EXPECT_EQ(live.services[0].label(), "db#1");
    EXPECT_EQ(live.services[1].label(), "db#2");
    EXPECT_THAT(live.ips_of("db"), ElementsAre("172.30.0.2", "172.30.0.3"));
}

TEST(DiscoverStack, KeysNetworksAndAddressesByTheirDeclaredName) {
    FakeEngine engine;
    serve_stack(engine, {{"c1", "shop-db-1", "db", 1, "running", "shop_data", "172.30.0.2"}});
    const LiveStack live = discover(engine);
    ASSERT_EQ(live.networks.size(), 1u);
    EXPECT_EQ(live.networks[0].key, "data");
    EXPECT_EQ(live.networks[0].name, "shop_data");
    EXPECT_TRUE(live.networks[0].internal);
    ASSERT_NE(live.services[0].on("data"), nullptr);
    EXPECT_EQ(live.services[0].on("data")->ip, "172.30.0.2");
}

TEST(DiscoverStack, CountsAStoppedContainerButDoesNotProbeIt) {
    FakeEngine engine;
    serve_stack(engine, {{"c1", "shop-db-1", "db", 1, "exited", "shop_data", ""},
                         {"c2", "shop-api-1", "api", 1, "running", "shop_data", "172.30.0.4"}});
    const LiveStack live = discover(engine);
    EXPECT_THAT(live.containers, ::testing::UnorderedElementsAre(Field(&LiveContainer::service, "db"),
                                                                 Field(&LiveContainer::service, "api")));
    EXPECT_THAT(live.services, ElementsAre(Field(&LiveService::name, "api")));
}

TEST(DiscoverStack, LeavesOutOneOffContainersAndMeshprobesProbes) {
    FakeEngine engine;
    serve_stack(engine, {{"c1", "shop-db-1", "db", 1, "running", "shop_data", "172.30.0.2"},
                         {"c2", "shop-db-run-1", "db", 2, "running", "shop_data", "172.30.0.5", "shop",
                          R"(, "com.docker.compose.oneoff": "True")"},
                         {"c3", "probe-1", "db", 3, "running", "shop_data", "172.30.0.6", "shop",
                          R"(, "meshprobe.role": "probe")"}});
    const LiveStack live = discover(engine);
    EXPECT_THAT(live.containers, ElementsAre(Field(&LiveContainer::name, "shop-db-1")));
}

TEST(DiscoverStack, NamesAStrangerOnTheStacksNetworkAsUndeclared) {
    FakeEngine engine;
    serve_stack(engine, {{"c1", "shop-db-1", "db", 1, "running", "shop_data", "172.30.0.2"},
                         {"x1", "bridge-by-hand", "", 1, "running", "shop_data", "172.30.0.9", "other"}});
    const LiveStack live = discover(engine);
    ASSERT_EQ(live.undeclared.size(), 1u);
    EXPECT_EQ(live.undeclared[0].name, "bridge-by-hand");
    ASSERT_NE(live.undeclared[0].on("data"), nullptr);
    EXPECT_EQ(live.undeclared[0].on("data")->ip, "172.30.0.9");
}
