// diff_topologies on small stacks written in the test: what `meshprobe diff` reports as changed.
#include "topology/topology_diff.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "project/model_source.h"
#include "scratch_folder.h"

using namespace meshprobe;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace {

constexpr const char* kCompose = R"(services:
  web: {image: x, networks: [front, back], ports: ["8080:80"]}
  api: {image: x, networks: [back], expose: ["8080"]}
networks: {front: {}, back: {}}
)";

constexpr const char* kContract = R"(version: 1
project: PROJECT
compose: {files: [docker-compose.yaml]}
tiers:
  edge: {network: front}
  app: {network: back}
services:
  web: {tier: edge, publish: [8080]}
  api: {tier: app}
flows:
FLOWS
)";

std::string replaced(std::string text, const std::string& what, const std::string& with) {
    text.replace(text.find(what), what.size(), with);
    return text;
}

// The model of kCompose (changed by the caller) under kContract with these flows and project.
Topology topology_of(const std::string& compose, const std::string& flows = "  - {from: web, to: api, ports: [8080]}",
                     const std::string& project = "shop") {
    meshprobe::testing::ScratchFolder folder("topology-diff-test");
    folder.write("docker-compose.yaml", compose);
    folder.write("mesh.yaml", replaced(replaced(kContract, "FLOWS", flows), "PROJECT", project));
    const auto [contract, environment, model, elsewhere] = load_contract_environment(folder.path("mesh.yaml"), "");
    return build_topology(contract, model, environment);
}

std::vector<std::string> from_to(const std::vector<TopologyPath>& paths) {
    std::vector<std::string> out;
    for (const TopologyPath& p : paths) {
        out.push_back(p.from + "->" + p.to + ":" + (p.port ? std::to_string(*p.port) : "*"));
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST(TopologyDiff, TheSameStackHasNoChanges) {
    EXPECT_TRUE(diff_topologies(topology_of(kCompose), topology_of(kCompose)).empty());
}

TEST(TopologyDiff, ARenamedProjectAloneChangesNothing) {
    const Topology renamed = topology_of(kCompose, "  - {from: web, to: api, ports: [8080]}", "shop2");
    EXPECT_TRUE(diff_topologies(topology_of(kCompose), renamed).empty());
}

TEST(TopologyDiff, AServiceJoiningANetworkAddsItsPaths) {
    const std::string cache = "  cache: {image: x, networks: [back], expose: [\"6379\"]}\n";
    const std::string after = replaced(kCompose, "networks: {front", cache + "networks: {front");
    const TopologyDiff diff = diff_topologies(topology_of(kCompose), topology_of(after));
    EXPECT_THAT(from_to(diff.paths_added), ElementsAre("api->cache:6379", "cache->api:8080", "cache->web:80",
                                                      "web->cache:6379"));
    EXPECT_THAT(diff.paths_removed, IsEmpty());
    ASSERT_EQ(diff.attachments_added.size(), 1u);
    EXPECT_EQ(diff.attachments_added[0].service, "cache");
}

TEST(TopologyDiff, AFlowAddedChangesThePathsVerdict) {
    const std::string flows = "  - {from: web, to: api, ports: [8080]}\n  - {from: api, to: web, ports: [80]}";
    const TopologyDiff diff = diff_topologies(topology_of(kCompose), topology_of(kCompose, flows));
    ASSERT_EQ(diff.paths_changed.size(), 1u);
    EXPECT_EQ(diff.paths_changed[0].before.from, "api");
    EXPECT_EQ(diff.paths_changed[0].before.to, "web");
    EXPECT_NE(diff.paths_changed[0].before.verdict, PathVerdict::allowed);
    EXPECT_EQ(diff.paths_changed[0].after.verdict, PathVerdict::allowed);
}

TEST(TopologyDiff, APublishedPortRemovedIsReported) {
    const std::string after = replaced(kCompose, R"(, ports: ["8080:80"])", "");
    const TopologyDiff diff = diff_topologies(topology_of(kCompose), topology_of(after));
    ASSERT_EQ(diff.published_removed.size(), 1u);
    EXPECT_EQ(diff.published_removed[0].service, "web");
    EXPECT_THAT(diff.published_added, IsEmpty());
}

TEST(TopologyDiff, ANetworkMadeInternalIsChangedNotAddedOrRemoved) {
    const std::string after = replaced(kCompose, "back: {}", "back: {internal: true}");
    const TopologyDiff diff = diff_topologies(topology_of(kCompose), topology_of(after));
    ASSERT_EQ(diff.networks_changed.size(), 1u);
    EXPECT_EQ(diff.networks_changed[0].before.key, "back");
    EXPECT_FALSE(diff.networks_changed[0].before.internal);
    EXPECT_TRUE(diff.networks_changed[0].after.internal);
    EXPECT_THAT(diff.networks_added, IsEmpty());
    EXPECT_THAT(diff.networks_removed, IsEmpty());
}
