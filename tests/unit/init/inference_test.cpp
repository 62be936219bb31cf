#include "init/contract_inference.h"
#include "init/contract_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "composefile/compose_loader.h"
#include "scratch_folder.h"

using namespace meshprobe;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

InferredContract infer(const std::string& compose) {
    meshprobe::testing::ScratchFolder folder("init-test");
    ComposeInputs inputs;
    inputs.files = {folder.write("compose.yaml", compose)};
    inputs.environment = {};
    return infer_contract(load_compose(inputs), "app", {"compose.yaml"});
}

const InferredFlow* flow(const InferredContract& c, const std::string& from, const std::string& to) {
    auto it = std::find_if(c.flows.begin(), c.flows.end(), [&](const InferredFlow& f) { return f.from == from && f.to == to; });
    return it == c.flows.end() ? nullptr : &*it;
}

}  // namespace

TEST(InitInference, AHostPortInTheEnvironmentIsAFlowOnThatPort) {
    const InferredContract c = infer(R"(services:
  api: {image: x, environment: {DATABASE_URL: "postgres://app:secret@db:5432/app"}, depends_on: [db]}
  db: {image: postgres:16}
)");
    const InferredFlow* f = flow(c, "api", "db");
    ASSERT_NE(f, nullptr);
    EXPECT_THAT(f->ports, ElementsAre(5432));
    EXPECT_THAT(f->why, HasSubstr("names db:5432"));
}

TEST(InitInference, DependsOnWithoutAReferenceAllowsEveryPortOfTheTarget) {
    const InferredContract c = infer("services:\n  web: {image: x, depends_on: [cache]}\n  cache: {image: redis}\n");
    const InferredFlow* f = flow(c, "web", "cache");
    ASSERT_NE(f, nullptr);
    EXPECT_TRUE(f->ports.empty());
}

TEST(InitInference, AReferenceToAServiceOnNoSharedNetworkIsANoteNotAFlow) {
    const InferredContract c = infer(R"(services:
  a: {image: x, networks: [one], command: ["curl", "http://b:8080/"]}
  b: {image: x, networks: [two]}
networks: {one: {}, two: {}}
)");
    EXPECT_EQ(flow(c, "a", "b"), nullptr);
    ASSERT_EQ(c.notes.size(), 1u);
    EXPECT_THAT(c.notes[0], HasSubstr("share no network"));
}

TEST(InitInference, TiersComeFromNetworksThatCarryServices) {
    const InferredContract c = infer(R"(services:
  a: {image: x, networks: [front, back]}
networks: {front: {}, back: {internal: true}, spare: {}}
)");
    ASSERT_EQ(c.tiers.size(), 2u);
    EXPECT_EQ(c.tiers[1].name, "back");
    EXPECT_TRUE(c.tiers[1].internal);
    EXPECT_EQ(c.services[0].tier, "front");
    EXPECT_THAT(c.services[0].tier_why[0], HasSubstr("also on back"));
}

TEST(InitInference, AServerImageGivesItsWellKnownPortWithAComment) {
    EXPECT_EQ(well_known_port("docker.io/library/postgres:16-alpine"), 5432);
    EXPECT_EQ(well_known_port("bitnami/redis@sha256:abc"), 6379);
    EXPECT_EQ(well_known_port("mycompany/api:1.2"), 0);
    const InferredContract c = infer("services:\n  db: {image: mariadb:11}\n  app: {image: x}\n");
    EXPECT_THAT(c.services[0].ports, ElementsAre(3306));
    EXPECT_THAT(c.services[0].ports_why.back(), HasSubstr("well-known port of image mariadb"));
}

TEST(InitWriter, ScalarsAreQuotedWhereYamlWouldReadThemOtherwise) {
    EXPECT_EQ(yaml_scalar("front-tier"), "front-tier");
    EXPECT_EQ(yaml_scalar("no"), "\"no\"");
    EXPECT_EQ(yaml_scalar("127.0.0.1:8080/tcp"), "\"127.0.0.1:8080/tcp\"");
    EXPECT_EQ(yaml_scalar("8080/tcp"), "\"8080/tcp\"");
    EXPECT_EQ(yaml_scalar("a \"b\""), "\"a \\\"b\\\"\"");
}

TEST(InitInference, AServerImageGivesItsRoleSayingWhichImage) {
    EXPECT_EQ(well_known_role("redis:7-alpine"), "cache");
    EXPECT_EQ(well_known_role("mycompany/api:1.2"), "");
    const InferredContract c = infer("services:\n  db: {image: postgres:16}\n  app: {image: x}\n");
    EXPECT_EQ(c.services[0].role, "database");
    EXPECT_THAT(c.services[0].role_why, HasSubstr("image postgres"));
    EXPECT_EQ(c.services[1].role, "");
}

TEST(InitInference, AHealthcheckUrlOnLocalhostIsAnEndpointUnderTheServiceName) {
    const InferredContract c = infer(R"(services:
  api: {image: x, healthcheck: {test: "curl -fsS http://127.0.0.1:8001/health || exit 1"}}
  other: {image: x, healthcheck: {test: ["CMD", "curl", "http://elsewhere:80/"]}}
)");
    EXPECT_THAT(c.services[0].internal_endpoints, ElementsAre("http://api:8001/health"));
    EXPECT_TRUE(c.services[1].internal_endpoints.empty());
}
