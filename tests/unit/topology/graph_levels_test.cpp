// The graphs of `topology --format mermaid|dot` and of NETWORK.md at both levels: a picture of
// the contract's rules, not of every pair a network carries.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "generated_stack.h"
#include "project/model_source.h"
#include "reports/topology/topology_render.h"

using namespace meshprobe;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

Topology pairs_of(const std::string& contract_path) {
    const auto [contract, environment, model, elsewhere] = load_contract_environment(contract_path, "");
    return build_topology(contract, model, environment, PathForm::pairs);
}

std::size_t mermaid_edges(const std::string& mermaid) {
    const std::regex edge(R"(--?\.?->)");
    return static_cast<std::size_t>(std::distance(std::sregex_iterator(mermaid.begin(), mermaid.end(), edge), std::sregex_iterator()));
}

std::size_t dot_edges(const std::string& dot) {
    const std::regex edge(" -> ");
    return static_cast<std::size_t>(std::distance(std::sregex_iterator(dot.begin(), dot.end(), edge), std::sregex_iterator()));
}

// bench/generate_stack.py's four tiers of 10 services: 40 services, 1,260 per-pair paths.
class TieredStack : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        folder_ = new meshprobe::testing::ScratchFolder();
        topology_ = new Topology(pairs_of(meshprobe::testing::write_tiered_stack(*folder_, 10)));
    }
    static void TearDownTestSuite() {
        delete topology_;
        delete folder_;
    }
    static inline meshprobe::testing::ScratchFolder* folder_ = nullptr;
    static inline Topology* topology_ = nullptr;
};

}  // namespace

TEST_F(TieredStack, HasOverAThousandPathsToDraw) {
    EXPECT_GT(topology_->paths.size(), 1000u);
}

TEST_F(TieredStack, AFlowFromTierToTierIsOneEdgeBetweenTheirClusters) {
    const std::string mermaid = to_mermaid(*topology_, GraphLevel::service);
    EXPECT_THAT(mermaid, HasSubstr("c0 -->|\"8201,8202,8203 and 7 more\"| c1"));
    const std::string dot = to_dot(*topology_, GraphLevel::service);
    EXPECT_THAT(dot, HasSubstr("ltail=cluster_0, lhead=cluster_1"));
}

TEST_F(TieredStack, ATierWhoseMembersReachEachOtherIsAMarkOnItsTitle) {
    EXPECT_THAT(to_mermaid(*topology_, GraphLevel::service),
                HasSubstr("subgraph c0[\"edge (network edge_tier); members reach each other\"]"));
}

TEST_F(TieredStack, TheServiceLevelDrawsAnEdgePerFlowNotPerPair) {
    // Four tier-to-tier flows, and the half of the api tier on the data network: five services.
    EXPECT_EQ(graph_edge_count(*topology_, GraphLevel::service), 9u);
    EXPECT_EQ(mermaid_edges(to_mermaid(*topology_, GraphLevel::service)), 9u);
    EXPECT_EQ(dot_edges(to_dot(*topology_, GraphLevel::service)), 9u);
}

TEST_F(TieredStack, TheTierLevelDrawsOneEdgePerPairOfTiers) {
    const std::string mermaid = to_mermaid(*topology_, GraphLevel::tier);
    EXPECT_EQ(mermaid_edges(mermaid), 5u);
    EXPECT_THAT(mermaid, HasSubstr("t0[\"edge (10 services); members reach each other\"]"));
    EXPECT_THAT(mermaid, Not(HasSubstr("subgraph")));
    EXPECT_EQ(dot_edges(to_dot(*topology_, GraphLevel::tier)), 5u);
}

TEST_F(TieredStack, ItsFortyServicesAreDrawnAtTheServiceLevelByDefault) {
    EXPECT_EQ(default_level(*topology_), GraphLevel::service);
}

TEST(GraphLevels, PastFortyServicesTheTierLevelIsTheDefault) {
    meshprobe::testing::ScratchFolder folder;
    EXPECT_EQ(default_level(pairs_of(meshprobe::testing::write_tiered_stack(folder, 11))), GraphLevel::tier);
}

TEST(GraphLevels, AFlatStackOfThirtyServicesIsOneMarkAndNoEdge) {
    meshprobe::testing::ScratchFolder folder;
    const Topology topology = pairs_of(meshprobe::testing::write_flat_stack(folder, 30));
    EXPECT_EQ(topology.paths.size(), 30u * 29u);
    const std::string mermaid = to_mermaid(topology, GraphLevel::service);
    EXPECT_EQ(mermaid_edges(mermaid), 0u);
    EXPECT_THAT(mermaid, HasSubstr("members reach each other"));
}

TEST(GraphLevels, AStackOfFiftySevenServicesStaysUnderMermaidsEdgeLimitAtBothLevels) {
    meshprobe::testing::ScratchFolder folder;
    const Topology topology = pairs_of(meshprobe::testing::write_tiered_stack(folder, 15));
    ASSERT_GE(topology.services.size(), 57u);
    EXPECT_LE(mermaid_edges(to_mermaid(topology, GraphLevel::service)), kMermaidEdges);
    EXPECT_LE(mermaid_edges(to_mermaid(topology, GraphLevel::tier)), kMermaidEdges);
}

namespace {

// Two tiers of `n` that share one more network, and a flow from each a-i to b-i alone: every
// source misses one target, so nothing folds and the service level has about 2n² edges.
std::string write_unfoldable_stack(const meshprobe::testing::ScratchFolder& folder, int n) {
    std::string compose = "services:\n", services, flows;
    for (int i = 0; i < n; ++i) {
        compose += fmt::format("  a-{0}: {{image: x, networks: [a, shared], expose: [\"80\"]}}\n"
                               "  b-{0}: {{image: x, networks: [b, shared], expose: [\"80\"]}}\n", i);
        services += fmt::format("  a-{0}: {{tier: a}}\n  b-{0}: {{tier: b}}\n", i);
        flows += fmt::format("  - {{from: a-{0}, to: b-{0}, ports: [80]}}\n", i);
    }
    folder.write("docker-compose.yaml", compose + "networks: {a: {}, b: {}, shared: {}}\n");
    folder.write("mesh.yaml", "version: 1\nproject: unfoldable\ncompose: {files: [docker-compose.yaml]}\ntiers:\n"
                              "  a: {network: a}\n  b: {network: b}\nservices:\n" + services + "flows:\n" + flows);
    return folder.path("mesh.yaml");
}

}  // namespace

TEST(GraphLevels, AStackWhoseServiceLevelPassesMermaidsLimitIsDrawnByTierByDefault) {
    meshprobe::testing::ScratchFolder folder;
    const Topology topology = pairs_of(write_unfoldable_stack(folder, 20));
    ASSERT_LE(topology.services.size(), kGraphServices);
    EXPECT_GT(graph_edge_count(topology, GraphLevel::service), kMermaidEdges);
    EXPECT_EQ(default_level(topology), GraphLevel::tier);
    EXPECT_LE(mermaid_edges(to_mermaid(topology)), kMermaidEdges);
}
