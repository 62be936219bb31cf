#include "project/project_stack.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compose_stack.h"
#include "core/errors.h"

using namespace meshprobe;
using meshprobe::testing::FakeEngine;
using meshprobe::testing::serve_stack;
using ::testing::HasSubstr;

namespace {

const std::string kContract = std::string(FIXTURES_DIR) + "/lonely/mesh.yaml";

std::vector<std::string> names_of(const StackModel& model) {
    std::vector<std::string> out;
    for (const StackService& s : model.services) out.push_back(s.name);
    return out;
}

}  // namespace

// Commands load the declared stack through Orchestrator::render; compose's render is the
// compose reading of model_source.h, so the two give one model.
TEST(ProjectStack, TheComposeOrchestratorRendersTheModelTheComposeReadingGives) {
    const ContractEnvironment rendered = load_project(kContract, "", "compose");
    const ContractEnvironment read = load_contract_environment(kContract, "");
    ASSERT_FALSE(rendered.model.services.empty());
    EXPECT_EQ(names_of(rendered.model), names_of(read.model));
    EXPECT_EQ(rendered.environment, read.environment);
}

TEST(ProjectStack, AnOrchestratorThisMeshprobeDoesNotKnowIsAnInputError) {
    try {
        load_project(kContract, "", "nomad");
        FAIL() << "loaded through an unknown orchestrator";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("--orchestrator nomad"));
    }
}

TEST(ProjectStack, TheRunningStackIsWhatTheOrchestratorDiscovers) {
    FakeEngine engine;
    serve_stack(engine, {{"c1", "shop-db-1", "db", 1, "running", "shop_data", "172.30.0.2"}});
    const LiveStack live = running_stack(engine.docker_host(), "compose", StackModel{}, "shop");
    ASSERT_EQ(live.services.size(), 1u);
    EXPECT_EQ(live.services[0].name, "db");
}

TEST(ProjectStack, ARunningStackWithNoContainerIsAnInfraError) {
    FakeEngine engine;
    serve_stack(engine, {});
    try {
        running_stack(engine.docker_host(), "compose", StackModel{}, "shop");
        FAIL() << "a live model of nothing";
    } catch (const InfraError& e) {
        EXPECT_THAT(e.what(), HasSubstr("has no container of project shop"));
    }
}
