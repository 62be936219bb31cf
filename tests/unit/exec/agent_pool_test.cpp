// AgentPool against a FakeEngine: when `watch` keeps its agents and when it injects anew.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "exec/agent_pool.h"
#include "executor_options.h"
#include "fake_engine.h"

using namespace meshprobe;
using meshprobe::testing::FakeEngine;
using meshprobe::testing::shop_options;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

namespace {

Plan tier_plan() {
    Plan plan;
    plan.vantage(Vantage::Kind::tier, "backend", "shop_backend");
    return plan;
}

// The engine creates agent a1; the run's listing shows it in `state`.
void serve_agent(FakeEngine& engine, const std::string& state) {
    engine.on("POST", "/containers/create", {.status = 201, .body = R"({"Id":"a1"})"});
    engine.on("POST", "/containers/a1/start", {.status = 204});
    engine.on("DELETE", "/containers/a1", {.status = 204});
    engine.on("GET", "/containers/json", {.body = R"([{"Id":"a1"}])"});
    engine.on("GET", "/containers/a1/json",
              {.body = nlohmann::json{{"Id", "a1"}, {"State", {{"Status", state}}}}.dump()});
}

// One round of watch: it begins, then asks for its agents.
Agents next_round(AgentPool& pool, const Plan& plan, Docker& docker, const ExecutorOptions& options) {
    pool.begin_round();
    return pool.agents_for(plan, docker, options);
}

std::size_t creates(const FakeEngine& engine) { return engine.requests_to("POST", "/v1.41/containers/create").size(); }

}  // namespace

TEST(AgentPool, TheFirstRoundInjects) {
    FakeEngine engine;
    serve_agent(engine, "running");
    Docker docker(engine.docker_host());
    AgentPool pool;
    EXPECT_THAT(next_round(pool, tier_plan(), docker, shop_options()), ElementsAre(Pair(0u, "a1")));
    EXPECT_EQ(pool.injections(), 1);
    EXPECT_EQ(creates(engine), 1u);
}

TEST(AgentPool, AgentsThatStillRunAreKeptForTheNextRound) {
    FakeEngine engine;
    serve_agent(engine, "running");
    Docker docker(engine.docker_host());
    AgentPool pool;
    next_round(pool, tier_plan(), docker, shop_options());
    EXPECT_THAT(next_round(pool, tier_plan(), docker, shop_options()), ElementsAre(Pair(0u, "a1")));
    EXPECT_EQ(pool.injections(), 1);
    EXPECT_EQ(creates(engine), 1u);
}

TEST(AgentPool, AnAgentThatNoLongerRunsIsInjectedAnew) {
    FakeEngine engine;
    serve_agent(engine, "exited");
    Docker docker(engine.docker_host());
    AgentPool pool;
    next_round(pool, tier_plan(), docker, shop_options());
    next_round(pool, tier_plan(), docker, shop_options());
    EXPECT_EQ(pool.injections(), 2);
    EXPECT_EQ(creates(engine), 2u);
}

TEST(AgentPool, AfterInvalidateTheNextRoundInjectsAnew) {
    FakeEngine engine;
    serve_agent(engine, "running");
    Docker docker(engine.docker_host());
    AgentPool pool;
    next_round(pool, tier_plan(), docker, shop_options());
    pool.invalidate();
    EXPECT_TRUE(pool.stale());
    next_round(pool, tier_plan(), docker, shop_options());
    EXPECT_FALSE(pool.stale());
    EXPECT_EQ(pool.injections(), 2);
}

TEST(AgentPool, InjectingAnewRemovesTheRunsOldContainersFirst) {
    FakeEngine engine;
    serve_agent(engine, "exited");
    Docker docker(engine.docker_host());
    AgentPool pool;
    next_round(pool, tier_plan(), docker, shop_options());
    next_round(pool, tier_plan(), docker, shop_options());
    EXPECT_THAT(engine.requests_to("DELETE", "/v1.41/containers/a1"), ::testing::SizeIs(2));
}

TEST(AgentPool, AStandinServesAsItsOwnAgentInEveryRound) {
    FakeEngine engine;
    engine.on("GET", "/containers/json", {.body = "[]"});
    Docker docker(engine.docker_host());
    ExecutorOptions standins = shop_options();
    standins.exec_in_standins = true;
    Plan plan;
    plan.vantage(Vantage::Kind::service, "api", "c0ffee");
    AgentPool pool;
    next_round(pool, plan, docker, standins);
    EXPECT_THAT(next_round(pool, plan, docker, standins), ElementsAre(Pair(0u, "c0ffee")));
    EXPECT_THAT(engine.requests_to("POST", "/v1.41/containers/create"), IsEmpty());
}

TEST(AgentPool, AChangeWhileARoundInjectsLeavesItsAgentsStale) {
    FakeEngine engine;
    serve_agent(engine, "running");
    Docker docker(engine.docker_host());
    AgentPool pool;
    pool.begin_round();
    pool.invalidate();  // compose down begins between the round's plan and its injection
    pool.agents_for(tier_plan(), docker, shop_options());
    EXPECT_TRUE(pool.stale());
}

TEST(AgentPool, AChangeBeforeTheRoundBeganLeavesItsAgentsFresh) {
    FakeEngine engine;
    serve_agent(engine, "running");
    Docker docker(engine.docker_host());
    AgentPool pool;
    pool.invalidate();
    next_round(pool, tier_plan(), docker, shop_options());
    EXPECT_FALSE(pool.stale());
}

TEST(AgentPool, NothingIsStaleOnceCleared) {
    FakeEngine engine;
    serve_agent(engine, "running");
    Docker docker(engine.docker_host());
    AgentPool pool;
    next_round(pool, tier_plan(), docker, shop_options());
    pool.invalidate();
    pool.clear();
    EXPECT_FALSE(pool.stale());
}
