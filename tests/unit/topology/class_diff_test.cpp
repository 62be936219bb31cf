#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <limits>
#include <set>
#include <tuple>

#include "core/errors.h"
#include "generated_stack.h"
#include "reports/topology/topology_render.h"
#include "project/model_source.h"
#include "scratch_folder.h"
#include "topology/topology_diff.h"

using namespace meshprobe;
using ::testing::HasSubstr;

namespace {

constexpr std::size_t kNameAll = std::numeric_limits<std::size_t>::max();

std::optional<Topology> pairs_of(const std::string& contract_path) {
    try {
        const auto [contract, environment, model, elsewhere] = load_contract_environment(contract_path, "");
        return build_topology(contract, model, environment, PathForm::pairs);
    } catch (const InputError&) {
        return std::nullopt;  // a fixture of a refused contract: it has no model
    }
}

// A per-pair change as the tests compare it: the reverse_of text is left out (classes name no flow for it).
using Line = std::tuple<std::string, std::string, int, std::string, std::string>;

std::string side(const TopologyPath& path) {
    std::vector<std::string> networks = path.networks;
    std::sort(networks.begin(), networks.end());
    return std::string(to_string(path.verdict)) + " " + fmt::format("{}", fmt::join(networks, ","));
}

std::set<Line> lines(const TopologyDiff& d) {
    std::set<Line> out;
    for (const auto& p : d.paths_added) out.insert({p.from, p.to, p.port.value_or(-1), "", side(p)});
    for (const auto& p : d.paths_removed) out.insert({p.from, p.to, p.port.value_or(-1), side(p), ""});
    for (const auto& c : d.paths_changed) out.insert({c.after.from, c.after.to, c.after.port.value_or(-1), side(c.before), side(c.after)});
    return out;
}

void expect_same_diff(const Topology& before, const Topology& after, const std::string& what) {
    const TopologyDiff pairs = diff_topologies(before, after);
    const TopologyDiff classes = diff_topology_classes(before, after, kNameAll);
    EXPECT_TRUE(classes.path_classes.empty()) << what;
    EXPECT_EQ(lines(classes), lines(pairs)) << what;
    EXPECT_EQ(classes.paths_added.size(), pairs.paths_added.size()) << what << ": a pair named twice";
    EXPECT_EQ(classes.paths_removed.size(), pairs.paths_removed.size()) << what << ": a pair named twice";
    EXPECT_EQ(classes.paths_changed.size(), pairs.paths_changed.size()) << what << ": a pair named twice";
}

void expect_same_counts(const Topology& before, const Topology& after, const std::string& what) {
    const TopologyDiff pairs = diff_topologies(before, after);
    const TopologyDiff classes = diff_topology_classes(before, after, 0);
    EXPECT_TRUE(classes.paths_added.empty() && classes.paths_removed.empty() && classes.paths_changed.empty()) << what;
    EXPECT_EQ(classes.added_paths(), pairs.paths_added.size()) << what;
    EXPECT_EQ(classes.removed_paths(), pairs.paths_removed.size()) << what;
    EXPECT_EQ(classes.changed_paths(), pairs.paths_changed.size()) << what;
}

std::vector<Topology> fixture_models(std::vector<std::string>& names) {
    std::vector<std::string> paths;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(FIXTURES_DIR)) {
        if (entry.path().filename() == "mesh.yaml" && entry.path().string().find("bad-contracts") == std::string::npos) {
            paths.push_back(entry.path().string());
        }
    }
    std::sort(paths.begin(), paths.end());
    std::vector<Topology> out;
    for (const std::string& path : paths) {
        if (auto topology = pairs_of(path)) {
            out.push_back(std::move(*topology));
            names.push_back(path);
        }
    }
    return out;
}

}  // namespace

TEST(ClassDiff, NamesThePairsThePerPairDiffNamesForEveryFixtureAgainstEveryOther) {
    std::vector<std::string> names;
    const std::vector<Topology> models = fixture_models(names);
    ASSERT_GE(models.size(), 20u) << "too few fixtures loaded to prove anything";
    for (std::size_t i = 0; i < models.size(); ++i) {
        for (std::size_t j = 0; j < models.size(); ++j) expect_same_diff(models[i], models[j], names[i] + " -> " + names[j]);
    }
}

TEST(ClassDiff, CountsByClassWhatThePerPairDiffNamesForEveryFixtureAgainstEveryOther) {
    std::vector<std::string> names;
    const std::vector<Topology> models = fixture_models(names);
    ASSERT_GE(models.size(), 20u);
    for (std::size_t i = 0; i < models.size(); ++i) {
        for (std::size_t j = 0; j < models.size(); ++j) expect_same_counts(models[i], models[j], names[i] + " -> " + names[j]);
    }
}

TEST(ClassDiff, AgreesWithThePerPairDiffWhenAGeneratedStackGrows) {
    const meshprobe::testing::ScratchFolder small, large;
    const Topology before = *pairs_of(meshprobe::testing::write_tiered_stack(small, 4));
    const Topology after = *pairs_of(meshprobe::testing::write_tiered_stack(large, 6));
    expect_same_diff(before, after, "4 -> 6 per tier");
    expect_same_diff(after, before, "6 -> 4 per tier");
    expect_same_counts(before, after, "4 -> 6 per tier");
}

TEST(ClassDiff, AgreesWithThePerPairDiffWhenAFlatStackBecomesTiered) {
    const meshprobe::testing::ScratchFolder flat, tiered;
    const Topology before = *pairs_of(meshprobe::testing::write_flat_stack(flat, 15));
    const Topology after = *pairs_of(meshprobe::testing::write_tiered_stack(tiered, 3));
    expect_same_diff(before, after, "flat -> tiered");
    expect_same_counts(before, after, "flat -> tiered");
}

// Thousands of services with nothing changed: one comparison per pair of groups, no pair built.
TEST(ClassDiff, AnUnchangedLargeStackHasNoChange) {
    const meshprobe::testing::ScratchFolder folder;
    const auto [contract, environment, model, elsewhere] =
        load_contract_environment(meshprobe::testing::write_flat_stack(folder, 3000), "");
    const Topology topology = build_topology(contract, model, environment, PathForm::classes);
    EXPECT_TRUE(diff_topology_classes(topology, topology).empty());
}

TEST(ClassDiff, ManyChangedPathsAreReportedByClassWithTheirCount) {
    const meshprobe::testing::ScratchFolder flat, tiered;
    const Topology before = *pairs_of(meshprobe::testing::write_flat_stack(flat, 40));
    const Topology after = *pairs_of(meshprobe::testing::write_tiered_stack(tiered, 3));
    const TopologyDiff d = diff_topology_classes(before, after, 100);
    ASSERT_FALSE(d.path_classes.empty());
    EXPECT_EQ(d.removed_paths(), 40u * 39u);
    const std::string text = diff_text(d, before, after);
    EXPECT_THAT(text, HasSubstr("- 1560 path(s) svc-00001, svc-00002 and 38 more -> svc-00001, svc-00002 and 38 more:own ports allowed on flat"));
    EXPECT_THAT(text, HasSubstr(fmt::format("{} path(s) added, 1560 removed, 0 changed", d.added_paths())));
}

namespace {

std::string replaced(const std::string& path, const std::string& from, const std::string& to) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::string out = text.str();
    const auto at = out.find(from);
    if (at == std::string::npos) throw std::runtime_error("the generated stack has no " + from);
    return out.replace(at, from.size(), to);
}

}  // namespace

// A target whose own ports changed is compared on its own; a service on a new network changes
// paths of its group's pairs that stay alike.
TEST(ClassDiff, AgreesWithThePerPairDiffWhenAPortChangesAndAServiceJoinsANetwork) {
    const meshprobe::testing::ScratchFolder base, changed;
    const Topology before = *pairs_of(meshprobe::testing::write_tiered_stack(base, 5));
    meshprobe::testing::write_tiered_stack(changed, 5);
    const std::string compose = changed.path("docker-compose.yaml"), contract = changed.path("mesh.yaml");
    changed.write("docker-compose.yaml",
                  replaced(compose, "api-02: {image: x, expose: [\"8302\"]", "api-02: {image: x, expose: [\"9999\"]"));
    changed.write("docker-compose.yaml", replaced(compose, "data-01: {image: x, expose: [\"5401\"], networks: [data_tier]",
                                                  "data-01: {image: x, expose: [\"5401\"], networks: [data_tier, auth_tier]"));
    changed.write("mesh.yaml", replaced(contract, "api-02: {tier: api, ports: [8302]}", "api-02: {tier: api, ports: [9999]}"));
    const Topology after = *pairs_of(contract);
    ASSERT_FALSE(diff_topologies(before, after).paths_changed.empty()) << "the change must change paths to prove anything";
    expect_same_diff(before, after, "changed");
    expect_same_diff(after, before, "changed back");
    expect_same_counts(before, after, "changed");
}
