#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <tuple>

#include "core/errors.h"
#include "generated_stack.h"
#include "reports/topology/network_doc.h"
#include "reports/topology/topology_render.h"
#include "project/model_source.h"
#include "scratch_folder.h"
#include "topology/path_judge.h"
#include "topology/service_reach.h"
#include "topology/topology.h"

using namespace meshprobe;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

// The per-pair paths as build_topology listed them before it kept classes: every ordered pair
// of services that share a network judged on each port of the target, then every allowed flow
// that no network carries. The reference the classes must expand to.
std::vector<TopologyPath> pairwise_paths(const Contract& contract, const StackModel& model) {
    const Reachability policy(contract, declared_ports(contract, model));
    std::vector<TopologyPath> out;
    auto carried = [&](const StackService& from, const StackService& to) {
        return carrying_networks(reach_of(model, from), reach_of(model, to));
    };
    for (const StackService& from : model.services) {
        for (const StackService& to : model.services) {
            if (&to == &from) continue;
            const std::vector<std::string> networks = carried(from, to);
            if (networks.empty()) continue;
            for (const auto& port : policy.judged_ports(to.name))
                out.push_back(judge_path(policy, policy.party_of(from.name), to.name, port, networks));
        }
    }
    std::set<std::tuple<std::string, std::string, int>> seen;
    auto on_side = [&](const std::vector<FlowSide>& side, const StackService& service) {
        const std::string tier = policy.party_of(service.name).tier;
        return std::any_of(side.begin(), side.end(), [&](const FlowSide& s) { return s.takes_in(service.name, tier); });
    };
    for (const StackService& from : model.services) {
        const std::string tier = policy.party_of(from.name).tier;
        for (const StackService& to : model.services) {
            if (&to == &from || tier.empty() || !contract.policy.same_tier_allow || !carried(from, to).empty()) continue;
            if (policy.party_of(to.name).tier != tier) continue;
            if (!wants_carried(Grant::Kind::same_tier, reach_of(model, from), reach_of(model, to))) continue;
            for (const auto& port : policy.judged_ports(to.name)) {
                if (!seen.emplace(from.name, to.name, port.value_or(0)).second) continue;
                out.push_back({from.name, to.name, port, {}, PathVerdict::broken, Grant::Kind::same_tier, {}, {}});
            }
        }
    }
    for (const Flow& flow : contract.flows) {
        for (const StackService& from : model.services) {
            if (!on_side(flow.from, from)) continue;
            for (const StackService& to : model.services) {
                if (&to == &from || !on_side(flow.to, to)) continue;
                if (!carried(from, to).empty()) continue;
                std::vector<std::optional<int>> each(flow.ports.begin(), flow.ports.end());
                if (each.empty()) each = policy.judged_ports(to.name);
                for (const auto& port : each) {
                    if (!seen.emplace(from.name, to.name, port.value_or(0)).second) continue;
                    out.push_back({from.name, to.name, port, {}, PathVerdict::broken, Grant::Kind::flow, flow.where, {}});
                }
            }
        }
    }
    return out;
}

std::vector<std::string> described(const std::vector<TopologyPath>& paths) {
    std::vector<std::string> out;
    for (const TopologyPath& p : paths) {
        out.push_back(fmt::format("{} -> {}:{} on [{}] {} grant {} flow {} reverse of '{}'", p.from, p.to,
                                  p.port ? std::to_string(*p.port) : "any", fmt::join(p.networks, ","), to_string(p.verdict),
                                  static_cast<int>(p.grant), p.flow.str(), p.reverse_of));
    }
    return out;
}

// Builds the classes alone, expands them, and compares with the pairwise reference, in order.
void expect_classes_expand_to_pairs(const std::string& contract_path) {
    SCOPED_TRACE(contract_path);
    const auto [contract, environment, model, elsewhere] = load_contract_environment(contract_path, "");
    Topology topology = build_topology(contract, model, environment, PathForm::classes);
    EXPECT_TRUE(topology.paths.empty());
    expand_paths(topology, contract, model);
    const std::vector<TopologyPath> reference = pairwise_paths(contract, model);
    EXPECT_THAT(described(topology.paths), ElementsAreArray(described(reference)));
    EXPECT_EQ(pair_count(topology), reference.size());
}

std::vector<std::string> fixture_contracts() {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(FIXTURES_DIR)) {
        const std::string path = entry.path().string();
        if (entry.path().filename() == "mesh.yaml" && path.find("bad-contracts") == std::string::npos) out.push_back(path);
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST(PathClasses, ExpandToThePairwisePathsOnEveryFixture) {
    int compared = 0;
    for (const std::string& contract : fixture_contracts()) {
        try {
            load_contract_environment(contract, "");
        } catch (const InputError&) {
            continue;  // a fixture of a refused contract: it has no model
        }
        expect_classes_expand_to_pairs(contract);
        ++compared;
    }
    EXPECT_GE(compared, 20) << "too few fixtures loaded to prove anything";
}

TEST(PathClasses, ExpandToThePairwisePathsOnAGeneratedStack) {
    const meshprobe::testing::ScratchFolder folder;
    expect_classes_expand_to_pairs(meshprobe::testing::write_tiered_stack(folder, 12));
}

TEST(PathClasses, AGeneratedStackHasAFewClassesForThousandsOfPaths) {
    const meshprobe::testing::ScratchFolder folder;
    const auto [contract, environment, model, elsewhere] =
        load_contract_environment(meshprobe::testing::write_tiered_stack(folder, 25), "");
    const Topology topology = build_topology(contract, model, environment, PathForm::classes);
    EXPECT_EQ(topology.groups.size(), 5u) << "edge, auth, data and api in two halves";
    EXPECT_LT(topology.classes.size(), 60u);
    EXPECT_GT(pair_count(topology), 5000u);
}

// A flat stack of 3,000 services on one network holds nearly nine million per-pair paths:
// topology and docs must describe it without building them.
class FlatStack : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        folder_ = new meshprobe::testing::ScratchFolder();
        loaded_ = new ContractEnvironment(load_contract_environment(meshprobe::testing::write_flat_stack(*folder_, 3000), ""));
        topology_ = new Topology(build_topology(loaded_->contract, loaded_->model, loaded_->environment, PathForm::classes));
    }
    static void TearDownTestSuite() {
        delete topology_;
        delete loaded_;
        delete folder_;
    }
    static inline meshprobe::testing::ScratchFolder* folder_ = nullptr;
    static inline ContractEnvironment* loaded_ = nullptr;
    static inline Topology* topology_ = nullptr;
};

TEST_F(FlatStack, IsOneClassOfNineMillionPathsAndNoPairs) {
    EXPECT_TRUE(topology_->paths.empty());
    ASSERT_EQ(topology_->classes.size(), 1u);
    EXPECT_EQ(topology_->classes[0].pairs, 3000u * 2999u);
    EXPECT_EQ(topology_->classes[0].ports.kind, ClassPorts::Kind::own);
    EXPECT_TRUE(is_large(*topology_));
}

TEST_F(FlatStack, JsonInClassesStaysSmall) {
    nlohmann::json json;
    to_json(json, *topology_, PathForm::classes);
    const std::string text = json.dump(2);
    EXPECT_LT(text.size(), 2'000'000u);
    EXPECT_FALSE(json.contains("paths"));
    EXPECT_EQ(json["path_classes"][0]["pairs"], 3000u * 2999u);
    EXPECT_EQ(json["path_classes"][0]["port"], "own");
}

TEST_F(FlatStack, GraphsDrawTiersNotServices) {
    const std::string mermaid = to_mermaid(*topology_);
    EXPECT_THAT(mermaid, HasSubstr("all (3000 services)"));
    EXPECT_THAT(mermaid, Not(HasSubstr("svc-00001")));
    EXPECT_LT(to_dot(*topology_).size(), 1000u);
}

TEST_F(FlatStack, DocsDescribeGroupsAndStaySmall) {
    const Reachability policy(loaded_->contract, declared_ports(loaded_->contract, loaded_->model));
    const std::string doc = network_doc(*topology_, loaded_->contract, policy, {});
    EXPECT_THAT(doc, HasSubstr("| all/1 | all |"));
    EXPECT_THAT(doc, HasSubstr("| all/1 | own |"));
    EXPECT_LT(doc.size(), 2'000'000u) << "a per-service reach matrix would be nine million cells";
}

TEST(PathClasses, ASmallModelKeepsThePerPairJson) {
    const auto [contract, environment, model, elsewhere] =
        load_contract_environment(std::string(FIXTURES_DIR) + "/devonboarder/mesh.yaml", "");
    const Topology topology = build_topology(contract, model, environment);
    EXPECT_FALSE(is_large(topology));
    const nlohmann::json json(topology);
    EXPECT_TRUE(json.contains("paths"));
    EXPECT_FALSE(json.contains("path_classes"));
}
