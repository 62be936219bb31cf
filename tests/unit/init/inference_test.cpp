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

TEST(InitInference, AServiceOnSeveralNetworksTakesTheTierOfItsFirstNetworkThatIsNotInternal) {
    const InferredContract c = infer(R"(services:
  web: {image: x, networks: [data, front], ports: ["8080:80"]}
networks: {data: {internal: true}, front: {}}
)");
    EXPECT_EQ(c.services[0].tier, "front");
    EXPECT_THAT(c.services[0].tier_why[0], HasSubstr("not internal; also on data"));
}

TEST(InitInference, AWellKnownPortNeedsTheExactImageName) {
    EXPECT_EQ(well_known_port("supabase/postgres-meta:v0.80"), 0);
    EXPECT_EQ(well_known_port("supabase/postgres:15"), 5432);
    EXPECT_EQ(well_known_role("supabase/postgres-meta:v0.80"), "");
}

TEST(InitInference, APortNamedInAReferenceIsGivenToItsTarget) {
    const InferredContract c = infer(R"(services:
  paperless: {image: x, environment: {TIKA_ENDPOINT: "http://gotenberg:3000"}}
  gotenberg: {image: gotenberg/gotenberg}
)");
    EXPECT_THAT(c.services[1].ports, ElementsAre(3000));
    EXPECT_THAT(c.services[1].ports_why.back(), HasSubstr("paperless names it"));
}

TEST(InitInference, AHostVariableWithItsPortVariableIsAFlowOnThatPort) {
    const InferredContract c = infer(R"(services:
  n8n: {image: x, environment: [DB_POSTGRESDB_HOST=postgres, DB_POSTGRESDB_PORT=5433]}
  postgres: {image: x}
)");
    const InferredFlow* f = flow(c, "n8n", "postgres");
    ASSERT_NE(f, nullptr);
    EXPECT_THAT(f->ports, ElementsAre(5433));
    EXPECT_THAT(f->why, HasSubstr("DB_POSTGRESDB_HOST=postgres with DB_POSTGRESDB_PORT=5433"));
}

TEST(InitInference, AHostVariableAloneIsAFlowOnEveryPort) {
    const InferredContract c = infer("services:\n  app: {image: x, environment: {REDIS_HOST: cache}}\n  cache: {image: x}\n");
    const InferredFlow* f = flow(c, "app", "cache");
    ASSERT_NE(f, nullptr);
    EXPECT_TRUE(f->ports.empty());
}

TEST(InitInference, AReferenceInAnEnvFileIsAFlowNamingTheFile) {
    meshprobe::testing::ScratchFolder folder("init-test");
    folder.write("backend.env", "DATABASE_URL=postgres://saleor:saleor@db:5432/saleor\n");
    ComposeInputs inputs;
    inputs.files = {folder.write("compose.yaml", "services:\n  worker: {image: x, env_file: backend.env}\n  db: {image: x}\n")};
    inputs.environment = {};
    const InferredContract c = infer_contract(load_compose(inputs), "app", {"compose.yaml"});
    const InferredFlow* f = flow(c, "worker", "db");
    ASSERT_NE(f, nullptr);
    EXPECT_THAT(f->ports, ElementsAre(5432));
    EXPECT_THAT(f->why, HasSubstr("backend.env"));
}

TEST(InitInference, AMissingRequiredEnvFileIsANote) {
    const InferredContract c = infer("services:\n  worker: {image: x, env_file: [absent.env]}\n");
    ASSERT_EQ(c.notes.size(), 1u);
    EXPECT_THAT(c.notes[0], HasSubstr("absent.env is missing"));
}

TEST(InitInference, ATraefikPortLabelIsAFlowFromTheProxyOnThatPort) {
    const InferredContract c = infer(R"(services:
  proxy: {image: "traefik:v3", ports: ["80:80"]}
  app: {image: x, labels: ["traefik.enable=true", "traefik.http.services.app.loadbalancer.server.port=8080"]}
)");
    const InferredFlow* f = flow(c, "proxy", "app");
    ASSERT_NE(f, nullptr);
    EXPECT_THAT(f->ports, ElementsAre(8080));
    EXPECT_THAT(f->why, HasSubstr("loadbalancer.server.port=8080"));
}

TEST(InitInference, ATraefikRouterWithoutAPortIsAFlowOnEveryPort) {
    const InferredContract c = infer(R"y(services:
  proxy: {image: traefik}
  app: {image: x, labels: {traefik.http.routers.app.rule: "Host(`a.example`)"}}
)y");
    const InferredFlow* f = flow(c, "proxy", "app");
    ASSERT_NE(f, nullptr);
    EXPECT_TRUE(f->ports.empty());
}

TEST(InitInference, ATraefikServiceDisabledByItsLabelIsNoRoute) {
    const InferredContract c = infer(R"y(services:
  proxy: {image: traefik}
  app: {image: x, labels: [traefik.enable=false, "traefik.http.routers.app.rule=Host(`a.example`)"]}
)y");
    EXPECT_EQ(flow(c, "proxy", "app"), nullptr);
}

namespace {

// A proxy with `config` mounted from the project folder at `mount`.
InferredContract infer_proxy(const std::string& image, const std::string& file, const std::string& config) {
    meshprobe::testing::ScratchFolder folder("init-test");
    folder.write(file, config);
    ComposeInputs inputs;
    inputs.files = {folder.write("compose.yaml", "services:\n  proxy: {image: " + image + ", volumes: [\"./" + file +
                                                     ":/etc/proxy/conf:ro\"]}\n  app: {image: x}\n  api: {image: x}\n")};
    inputs.environment = {};
    return infer_contract(load_compose(inputs), "app", {"compose.yaml"});
}

}  // namespace

TEST(InitInference, ATraefikDynamicFileRouteIsAFlowFromTheProxy) {
    const InferredContract c = infer_proxy("traefik:v2.11", "dynamic.yml",
                                           "http:\n  services:\n    app:\n      loadBalancer: {servers: [{url: \"http://app:3000\"}]}\n");
    const InferredFlow* f = flow(c, "proxy", "app");
    ASSERT_NE(f, nullptr);
    EXPECT_THAT(f->ports, ElementsAre(3000));
    EXPECT_THAT(f->why, HasSubstr("dynamic.yml"));
}

TEST(InitInference, AnNginxProxyPassIsAFlowFromTheProxy) {
    const InferredContract c = infer_proxy("nginx:1.27", "conf.d/default.conf",
                                           "server {\n  location / { proxy_pass http://api:8000; }\n}\n");
    const InferredFlow* f = flow(c, "proxy", "api");
    ASSERT_NE(f, nullptr);
    EXPECT_THAT(f->ports, ElementsAre(8000));
}

TEST(InitInference, ACaddyReverseProxyIsAFlowFromTheProxy) {
    const InferredContract c = infer_proxy("caddy:2", "Caddyfile", "example.com {\n  reverse_proxy app:8080\n}\n");
    const InferredFlow* f = flow(c, "proxy", "app");
    ASSERT_NE(f, nullptr);
    EXPECT_THAT(f->ports, ElementsAre(8080));
}

TEST(InitInference, ConfigurationMountedIntoAServiceThatIsNoProxyIsNotRead) {
    const InferredContract c = infer_proxy("mycompany/worker", "worker.conf", "upstream http://app:3000\n");
    EXPECT_EQ(flow(c, "proxy", "app"), nullptr);
}

TEST(InitWriter, PresentProblemsEndTheContractAsComments) {
    const std::string text = present_problems_comment({"compose.yaml:3 MESH006 error: db publishes 5432 on all addresses"});
    EXPECT_THAT(text, HasSubstr("# init found 1 present problem,"));
    EXPECT_THAT(text, HasSubstr("#   compose.yaml:3 MESH006 error: db publishes"));
    EXPECT_EQ(present_problems_comment({}), "");
}
