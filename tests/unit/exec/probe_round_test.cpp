#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "exec/probe_round.h"
#include "fake_engine.h"
#include "fake_orchestrator.h"

using namespace meshprobe;
using ::testing::HasSubstr;

namespace {

// An engine that refuses to create containers, and lists one probe of the round's run.
class ProbeRoundTest : public ::testing::Test {
protected:
    ProbeRoundTest() {
        engine.on("POST", "/containers/create", {.status = 500, .body = R"({"message": "no space left on device"})"});
        engine.on("GET", "/containers/json", {.body = R"([{"Id": "p0"}])"});
        engine.on("GET", "/containers/p0/json",
                  {.body = R"({"Id": "p0", "Name": "/probe-0", "State": {"Status": "created"},
                      "Config": {"Image": "x", "Labels": {"meshprobe.run": "1-1", "meshprobe.role": "probe"}},
                      "HostConfig": {"NetworkMode": "shop_data"}, "NetworkSettings": {"Ports": {}, "Networks": {}}})"});
        engine.on("DELETE", "/containers/p0", {.status = 204});
        plan.vantage(Vantage::Kind::tier, "data", "shop_data");
    }

    ProbeRound round() {
        ExecutorOptions exec{"meshprobe/probe:1", "/nonexistent/meshprobe-probe", "1-1", "shop", false, nullptr, {},
                             &orchestrator};
        return probe_once(plan, docker, janitor, exec, Console(true, false));
    }

    meshprobe::testing::FakeEngine engine;
    Docker docker{engine.docker_host()};
    Docker janitor{engine.docker_host()};
    meshprobe::testing::FakeOrchestrator orchestrator;
    Plan plan;
};

}  // namespace

TEST_F(ProbeRoundTest, RemovesTheRoundsProbesWhenOneCannotBeInjected) {
    EXPECT_THROW(round(), InfraError);
    EXPECT_EQ(engine.requests_to("DELETE", "/v1.41/containers/p0").size(), 1u);
}

TEST_F(ProbeRoundTest, AttachesAProbeWhereTheOrchestratorSays) {
    EXPECT_THROW(round(), InfraError);
    const auto created = engine.requests_to("POST", "/v1.41/containers/create");
    ASSERT_EQ(created.size(), 1u);
    const nlohmann::json body = nlohmann::json::parse(created.front().body);
    EXPECT_EQ(body["HostConfig"]["NetworkMode"], "fake-net:shop_data");
}

TEST_F(ProbeRoundTest, AnEmptyPlanProbesNothing) {
    plan = Plan{};
    const ProbeRound result = round();
    EXPECT_TRUE(result.results.empty());
    EXPECT_TRUE(engine.requests_to("POST", "/v1.41/containers/create").empty());
}
