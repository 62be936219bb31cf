// The probe's run mode end to end on 127.0.0.1: the real binary, real sockets.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "child_process.h"
#include "loopback.h"
#include "probes/result.h"

namespace meshprobe::probe::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

json tcp_check(const std::string& key, int port) {
    return {{"key", key}, {"kind", "tcp"}, {"host", "127.0.0.1"}, {"port", port}};
}

json plan_of(json checks, int timeout_ms = 1000, int banner_ms = 250) {
    return {{"timeout_ms", timeout_ms}, {"banner_ms", banner_ms}, {"checks", std::move(checks)}};
}

std::vector<CheckResult> run_plan(const json& plan) {
    const Finished finished = run_probe({"run", plan.dump()});
    EXPECT_EQ(finished.exit_code, 0) << finished.err;
    return parse_results(finished.out);
}

class StandInFixture : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(wait_for_listener(port_, 5s)); }

    int port_ = free_port();
    BackgroundProbe stand_in_{{"serve", "--name", "db", "--port", std::to_string(port_)}};
};

using RunAgainstStandIn = StandInFixture;

TEST_F(RunAgainstStandIn, ConnectsAndReadsTheGreetingAsBanner) {
    const auto results = run_plan(plan_of({tcp_check("k", port_)}));
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].status, Status::connected);
    EXPECT_EQ(results[0].address, "127.0.0.1");
    EXPECT_EQ(results[0].banner, "meshprobe-standin db");
}

TEST_F(RunAgainstStandIn, FinishesAsSoonAsThePeerClosesInsteadOfWaitingForTheBannerTime) {
    const Finished finished = run_probe({"run", plan_of({tcp_check("k", port_)}, 5000, 4000).dump()});
    EXPECT_EQ(finished.exit_code, 0);
    EXPECT_LT(finished.elapsed, 2000ms);
}

TEST_F(RunAgainstStandIn, KeepsPlanOrderAcrossOutcomes) {
    ClosedPort closed;
    const auto results = run_plan(plan_of({tcp_check("refused", closed.port()), tcp_check("open", port_)}));
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0].key, "refused");
    EXPECT_EQ(results[1].key, "open");
    EXPECT_EQ(results[1].status, Status::connected);
}

TEST_F(RunAgainstStandIn, ReadsThePlanFromStdinGivenADash) {
    const Finished finished = run_probe({"run", "-"}, plan_of({tcp_check("k", port_)}).dump());
    ASSERT_EQ(finished.exit_code, 0) << finished.err;
    EXPECT_EQ(parse_results(finished.out).at(0).status, Status::connected);
}

TEST(RunOnLoopback, ReportsAPortWithoutListenerAsRefused) {
    ClosedPort closed;
    const auto results = run_plan(plan_of({tcp_check("k", closed.port())}));
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].status, Status::refused);
    EXPECT_LT(results[0].ms, 500);
}

TEST(RunOnLoopback, ReportsADroppedConnectAsTimeoutAfterTheTimeout) {
    StuckListener full(true);
    const auto results = run_plan(plan_of({tcp_check("k", full.port())}, 300));
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].status, Status::timeout);
    EXPECT_GE(results[0].ms, 300);
    EXPECT_LT(results[0].ms, 600);
}

TEST(RunOnLoopback, RunsFiftyTimeoutsInAboutOneTimeout) {
    StuckListener full(true);
    json checks = json::array();
    for (int i = 0; i < 50; ++i) {
        checks.push_back(tcp_check("k" + std::to_string(i), full.port()));
    }
    const Finished finished = run_probe({"run", plan_of(checks, 400).dump()});
    ASSERT_EQ(finished.exit_code, 0) << finished.err;
    const auto results = parse_results(finished.out);
    ASSERT_EQ(results.size(), 50u);
    for (const CheckResult& result : results) {
        EXPECT_EQ(result.status, Status::timeout) << result.key;
    }
    EXPECT_LT(finished.elapsed, 3 * 400ms);
}

TEST(RunOnLoopback, WaitsAtMostTheBannerTimeForASilentPeer) {
    StuckListener silent(false);  // the kernel completes the handshake; nobody ever writes
    const Finished finished = run_probe({"run", plan_of({tcp_check("k", silent.port())}, 5000, 200).dump()});
    ASSERT_EQ(finished.exit_code, 0) << finished.err;
    const auto results = parse_results(finished.out);
    EXPECT_EQ(results.at(0).status, Status::connected);
    EXPECT_EQ(results.at(0).banner, "");
    EXPECT_LT(results.at(0).ms, 100) << "ms is the connect time, without the banner wait";
    EXPECT_LT(finished.elapsed, 2000ms);
}

TEST(RunOnLoopback, ReportsAnEmptyPlanAsNoResults) {
    const Finished finished = run_probe({"run", R"({"checks": []})"});
    EXPECT_EQ(finished.exit_code, 0);
    EXPECT_EQ(finished.out, "{\"results\":[]}\n");
}

TEST(RunInput, ExitsTwoWithOneLineOnStderrForABadPlan) {
    const Finished finished = run_probe({"run", R"({"checks": [{"key": "a", "kind": "tcp", "host": "x"}]})"});
    EXPECT_EQ(finished.exit_code, 2);
    EXPECT_EQ(finished.out, "");
    EXPECT_EQ(finished.err, "probe: bad plan: checks[0]: missing \"port\"\n");
}

TEST(RunInput, ExitsTwoForTextThatIsNotJson) {
    const Finished finished = run_probe({"run", "{\"checks\": [\n"});
    EXPECT_EQ(finished.exit_code, 2);
    EXPECT_EQ(std::count(finished.err.begin(), finished.err.end(), '\n'), 1);
}

TEST(RunInput, ExitsTwoWithoutAPlan) {
    EXPECT_EQ(run_probe({"run"}).exit_code, 2);
}

TEST(ProbeCommandLine, PrintsTheVersion) {
    const Finished finished = run_probe({"--version"});
    EXPECT_EQ(finished.exit_code, 0);
    EXPECT_EQ(finished.out, std::string("meshprobe-probe ") + MESHPROBE_VERSION + "\n");
}

TEST(ProbeCommandLine, ExitsTwoForAnUnknownCommand) {
    EXPECT_EQ(run_probe({"probe-everything"}).exit_code, 2);
}

}  // namespace
}  // namespace meshprobe::probe::testing
