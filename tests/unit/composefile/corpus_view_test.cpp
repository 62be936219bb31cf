// `check -f A -f B -p NAME --profile P --env-file F` judges what `docker compose` (v2) with the
// same options renders, on every corpus stack: the services, networks by their real names,
// aliases and published ports. The same through COMPOSE_* in a .env and through an override
// file beside the files, on a handful of stacks. compose v2 needs no engine for `config`.
#include <gtest/gtest.h>

#include <regex>

#include "compose_oracle.h"
#include "composefile/compose_loader.h"
#include "contract/contract_loader.h"
#include "core/errors.h"
#include "corpus_outcome.h"
#include "corpus_setup.h"
#include "corpus_view.h"
#include "project/compose_view.h"
#include "project/model_source.h"
#include "rendered_compose.h"
#include "topology_view.h"

namespace meshprobe::testing {
namespace {

// What `check` judges: the contract's compose view under the flags, then the model of its base
// environment, as load_contract_environment reads it, in the request's environment.
Outcome view_with_meshprobe(const ViewRequest& request) {
    try {
        Contract contract = load_contract(request.contract);
        ComposeFlags flags;
        flags.files = request.files;
        flags.project_name = request.project;
        flags.profiles = request.profiles;
        if (!request.env_file.empty()) flags.env_files = {request.env_file};
        apply_compose_view(contract, resolve_compose_view(contract, flags, request.environment, request.directory));
        const ComposeProject project = environment_project(contract, "base");
        ComposeInputs inputs;
        inputs.files = project.files;
        inputs.project_directory = project.project_directory;
        inputs.env_files = project.env_files;
        inputs.profiles = project.profiles;
        inputs.environment = request.environment;
        return {true, topology_view(load_compose(inputs), contract.project), {}};
    } catch (const InputError& e) {
        return {false, {}, e.what()};
    }
}

std::string rendered_project(const std::string& rendered) {
    static const std::regex name("(^|\n)name: ([^\n]+)");
    std::smatch match;
    return std::regex_search(rendered, match, name) ? match[2].str() : "(compose rendered no name)";
}

Outcome render_with_compose_v2(const ViewRequest& request) {
    OracleRequest oracle{request.files, request.env_file, request.environment, true, request.project,
                         request.profiles, request.directory};
    const OracleAnswer answer = render_with_compose(oracle, request.root, COMPOSEFILE_ORACLE_DIR);
    if (!answer.ok) return {false, {}, answer.error};
    try {
        return {true, topology_view(load_rendered(answer.rendered, request.active_profiles), rendered_project(answer.rendered)), {}};
    } catch (const InputError& e) {
        return {false, {}, std::string("meshprobe's loader refuses compose's own rendering: ") + e.what()};
    }
}

void expect_as_compose_v2_renders(const CorpusFile& file, ViewRoute route) {
    const ViewRequest request = view_request(file, route, COMPOSEFILE_ORACLE_DIR);
    const Outcome meshprobe = view_with_meshprobe(request);
    const Outcome compose = render_with_compose_v2(request);
    ::testing::Test::RecordProperty("compose_v2", compose.ok ? "renders" : "refuses");
    if (const auto known = known_view_difference(file)) {
        ::testing::Test::RecordProperty("known_difference", known->reason);
        EXPECT_EQ(meshprobe.ok, known->meshprobe_loads) << describe("meshprobe", meshprobe);
        EXPECT_FALSE(same(meshprobe, compose))
            << file.relative() << " no longer differs from compose v2: remove it from the allow-list";
        return;
    }
    if (!compose.ok) {
        // A stack compose refuses is one `check` must refuse too (exit 2), never judge.
        EXPECT_FALSE(meshprobe.ok) << "compose v2 refuses: " << compose.error << describe("meshprobe", meshprobe);
        return;
    }
    EXPECT_TRUE(meshprobe.ok) << describe("meshprobe", meshprobe);
    EXPECT_EQ(meshprobe.view, compose.view) << file.relative();
}

class CorpusViewTest : public ::testing::TestWithParam<CorpusFile> {};

TEST_P(CorpusViewTest, WithComposeFlagsIsJudgedAsComposeV2RendersIt) {
    expect_as_compose_v2_renders(GetParam(), ViewRoute::flags);
}

class CorpusComposeFileTest : public ::testing::TestWithParam<CorpusFile> {};

TEST_P(CorpusComposeFileTest, WithComposeVariablesInDotEnvIsJudgedAsComposeV2RendersIt) {
    expect_as_compose_v2_renders(GetParam(), ViewRoute::compose_file);
}

class CorpusOverrideFileTest : public ::testing::TestWithParam<CorpusFile> {};

TEST_P(CorpusOverrideFileTest, WithTheOverrideBesideItIsJudgedAsComposeV2RendersIt) {
    expect_as_compose_v2_renders(GetParam(), ViewRoute::override_file);
}

// The environment routes' stacks are named: one renamed in the corpus must not drop silently.
TEST(CorpusView, EveryEnvironmentRouteStackIsInTheCorpus) {
    EXPECT_EQ(environment_route_stacks(ViewRoute::compose_file).size(), 4u);
    EXPECT_EQ(environment_route_stacks(ViewRoute::override_file).size(), 4u);
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CorpusViewTest);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CorpusComposeFileTest);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CorpusOverrideFileTest);
INSTANTIATE_TEST_SUITE_P(Corpus, CorpusViewTest, ::testing::ValuesIn(read_manifest()), corpus_test_name);
INSTANTIATE_TEST_SUITE_P(Corpus, CorpusComposeFileTest,
                         ::testing::ValuesIn(environment_route_stacks(ViewRoute::compose_file)), corpus_test_name);
INSTANTIATE_TEST_SUITE_P(Corpus, CorpusOverrideFileTest,
                         ::testing::ValuesIn(environment_route_stacks(ViewRoute::override_file)), corpus_test_name);

}  // namespace
}  // namespace meshprobe::testing
