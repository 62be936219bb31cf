// inject_probes and execute against a FakeEngine: what they ask the engine for, and what they
// make of its answers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "exec/executor.h"
#include "executor_options.h"
#include "fake_engine.h"
#include "probes/result.h"

using namespace meshprobe;
using meshprobe::testing::FakeEngine;
using meshprobe::testing::shop_options;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

namespace {

Plan plan_of(Vantage::Kind kind, const std::string& name, const std::string& attach) {
    Plan plan;
    std::size_t at = plan.vantage(kind, name, attach);
    plan.task(at, Task{"k", Task::Kind::tcp, "10.0.0.2", 5432, {}, {}});
    return plan;
}

nlohmann::json created_body(const FakeEngine& engine) {
    auto sent = engine.requests_to("POST", "/v1.41/containers/create");
    return sent.empty() ? nlohmann::json() : nlohmann::json::parse(sent.at(0).body);
}

// The multiplexed stdout frame `docker exec` streams back.
std::string stdout_frame(const std::string& text) {
    std::string header("\x01\0\0\0", 4);
    for (int shift = 24; shift >= 0; shift -= 8) header += static_cast<char>((text.size() >> shift) & 0xff);
    return header + text;
}

void answer_exec(FakeEngine& engine, const std::string& container, const std::string& output, int exit_code) {
    engine.on("POST", "/containers/" + container + "/exec", {.status = 201, .body = R"({"Id":"e1"})"});
    engine.on("POST", "/exec/e1/start",
              {.body = stdout_frame(output), .content_type = "application/vnd.docker.raw-stream"});
    engine.on("GET", "/exec/e1/json", {.body = nlohmann::json{{"ExitCode", exit_code}}.dump()});
}

std::string connected_result() {
    probe::CheckResult result{"k", probe::CheckKind::tcp, probe::Status::connected, {}, "10.0.0.2", "hi", "", 1};
    return probe::results_document({result});
}

void answer_create(FakeEngine& engine, const std::string& id) {
    engine.on("POST", "/containers/create", {.status = 201, .body = nlohmann::json{{"Id", id}}.dump()});
    engine.on("POST", "/containers/" + id + "/start", {.status = 204});
}

}  // namespace

TEST(InjectProbes, ATierAgentIsStartedOnItsTierNetworkOnly) {
    FakeEngine engine;
    answer_create(engine, "a1");
    Docker docker(engine.docker_host());
    Agents agents = inject_probes(plan_of(Vantage::Kind::tier, "backend", "shop_backend"), docker, shop_options());
    EXPECT_THAT(agents, ElementsAre(Pair(0u, "a1")));
    EXPECT_EQ(created_body(engine)["HostConfig"]["NetworkMode"], "shop_backend");
    EXPECT_EQ(engine.requests_to("POST", "/v1.41/containers/a1/start").size(), 1u);
}

TEST(InjectProbes, AServiceAgentSharesTheServicesNamespace) {
    FakeEngine engine;
    answer_create(engine, "a1");
    Docker docker(engine.docker_host());
    inject_probes(plan_of(Vantage::Kind::service, "api", "c0ffee"), docker, shop_options());
    EXPECT_EQ(created_body(engine)["HostConfig"]["NetworkMode"], "container:c0ffee");
}

TEST(InjectProbes, AgentsRunWithoutPrivilegesAndCarryTheRunsLabels) {
    FakeEngine engine;
    answer_create(engine, "a1");
    Docker docker(engine.docker_host());
    inject_probes(plan_of(Vantage::Kind::tier, "backend", "shop_backend"), docker, shop_options());
    nlohmann::json body = created_body(engine);
    EXPECT_EQ(body["User"], "65534:65534");
    EXPECT_EQ(body["HostConfig"]["CapDrop"], nlohmann::json::array({"ALL"}));
    EXPECT_EQ(body["HostConfig"]["ReadonlyRootfs"], true);
    EXPECT_EQ(body["Labels"][kRunLabel], "run-1");
    EXPECT_EQ(body["Labels"][kProjectLabel], "shop");
}

TEST(InjectProbes, StandinsAreTheirOwnAgentsAndNothingIsCreated) {
    FakeEngine engine;
    Docker docker(engine.docker_host());
    ExecutorOptions standins = shop_options();
    standins.exec_in_standins = true;
    Agents agents = inject_probes(plan_of(Vantage::Kind::service, "api", "c0ffee"), docker, standins);
    EXPECT_THAT(agents, ElementsAre(Pair(0u, "c0ffee")));
    EXPECT_THAT(engine.requests_to("POST", "/v1.41/containers/create"), IsEmpty());
}

TEST(InjectProbes, TheHostVantageHasNoAgent) {
    FakeEngine engine;
    Docker docker(engine.docker_host());
    EXPECT_THAT(inject_probes(plan_of(Vantage::Kind::host, "host", ""), docker, shop_options()), IsEmpty());
    EXPECT_THAT(engine.requests_to("POST", "/v1.41/containers/create"), IsEmpty());
}

TEST(InjectProbes, AnAgentTheEngineRefusesIsAnInfraError) {
    FakeEngine engine;
    engine.on("POST", "/containers/create",
              {.status = 404, .body = R"({"message":"No such image: meshprobe/probe:test"})"});
    Docker docker(engine.docker_host());
    try {
        inject_probes(plan_of(Vantage::Kind::tier, "backend", "shop_backend"), docker, shop_options());
        FAIL() << "no InfraError";
    } catch (const InfraError& e) {
        EXPECT_THAT(e.what(), HasSubstr("No such image"));
    }
}

TEST(Execute, TheAgentsResultsAreReturnedByVantageAndKey) {
    FakeEngine engine;
    answer_exec(engine, "a1", connected_result(), 0);
    Docker docker(engine.docker_host());
    Results results = execute(plan_of(Vantage::Kind::tier, "backend", "n"), {{0, "a1"}}, docker, shop_options());
    ASSERT_EQ(results.count(0), 1u);
    ASSERT_EQ(results[0].count("k"), 1u);
    EXPECT_EQ(results[0]["k"].status, probe::Status::connected);
    EXPECT_EQ(results[0]["k"].address, "10.0.0.2");
    EXPECT_EQ(results[0]["k"].banner, "hi");
}

TEST(Execute, TheProbeIsRunInTheAgentWithTheVantagesPlan) {
    FakeEngine engine;
    answer_exec(engine, "a1", connected_result(), 0);
    Docker docker(engine.docker_host());
    execute(plan_of(Vantage::Kind::tier, "backend", "n"), {{0, "a1"}}, docker, shop_options());
    auto sent = engine.requests_to("POST", "/v1.41/containers/a1/exec");
    ASSERT_EQ(sent.size(), 1u);
    nlohmann::json cmd = nlohmann::json::parse(sent[0].body)["Cmd"];
    ASSERT_EQ(cmd.size(), 3u);
    EXPECT_EQ(cmd[0], "/probe");
    EXPECT_EQ(cmd[1], "run");
    EXPECT_THAT(cmd[2].get<std::string>(), HasSubstr("10.0.0.2"));
}

TEST(Execute, ProgressIsReportedPerVantage) {
    FakeEngine engine;
    answer_exec(engine, "a1", connected_result(), 0);
    Docker docker(engine.docker_host());
    std::vector<std::pair<int, int>> seen;
    ExecutorOptions with_progress = shop_options();
    with_progress.progress = [&](int done, int total) { seen.emplace_back(done, total); };
    execute(plan_of(Vantage::Kind::tier, "backend", "n"), {{0, "a1"}}, docker, with_progress);
    EXPECT_THAT(seen, ElementsAre(Pair(1, 1)));
}

TEST(Execute, AProbeThatExitsNonZeroIsAnInfraErrorNamingTheVantage) {
    FakeEngine engine;
    answer_exec(engine, "a1", "", 2);
    Docker docker(engine.docker_host());
    try {
        execute(plan_of(Vantage::Kind::tier, "backend", "n"), {{0, "a1"}}, docker, shop_options());
        FAIL() << "no InfraError";
    } catch (const InfraError& e) {
        EXPECT_THAT(e.what(), HasSubstr("the probe at backend exited with 2"));
    }
}

TEST(Execute, OutputOutsideTheProtocolIsAnInfraError) {
    FakeEngine engine;
    answer_exec(engine, "a1", "not json", 0);
    Docker docker(engine.docker_host());
    try {
        execute(plan_of(Vantage::Kind::tier, "backend", "n"), {{0, "a1"}}, docker, shop_options());
        FAIL() << "no InfraError";
    } catch (const InfraError& e) {
        EXPECT_THAT(e.what(), HasSubstr("the probe's output is not valid"));
    }
}
