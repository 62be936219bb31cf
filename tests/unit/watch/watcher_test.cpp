#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compose_stack.h"
#include "core/errors.h"
#include "live_small_stack.h"
#include "watch/watcher.h"

using namespace meshprobe;
using meshprobe::testing::FakeContainer;
using meshprobe::testing::FakeEngine;
using ::testing::HasSubstr;

namespace {

class WatcherTest : public meshprobe::testing::LiveSmallStack {
protected:
    watch::WatchTarget target() const { return {folder.path("mesh.yaml"), "", engine.docker_host(), "compose"}; }
    watch::WatchOptions once() const {
        watch::WatchOptions options;
        options.once = true;
        return options;
    }

    FakeEngine engine;
};

}  // namespace

TEST_F(WatcherTest, RefusesAnEngineWithNoContainerOfTheProject) {
    meshprobe::testing::serve_stack(engine, {}, "small_data", "data", "small");
    try {
        watch::watch(target(), once(), Console(true, false), "meshprobe");
        FAIL() << "watched a stack that does not run";
    } catch (const InfraError& e) {
        EXPECT_THAT(e.what(), HasSubstr("has no container of project small"));
    }
}

TEST_F(WatcherTest, ReportsAServiceThatDoesNotRunBeforeItProbes) {
    meshprobe::testing::serve_stack(
        engine, {{"c1", "small-db-1", "db", 1, "running", "small_data", "172.32.0.4", "small"}}, "small_data", "data",
        "small");
    ::testing::internal::CaptureStdout();
    // The engine has no /info, so the probe round cannot be made: --once says so (exit 3).
    EXPECT_THROW(watch::watch(target(), once(), Console(true, false), "meshprobe"), InfraError);
    const std::string log = ::testing::internal::GetCapturedStdout();
    EXPECT_THAT(log, HasSubstr("\"service\":\"api\""));
    EXPECT_THAT(log, HasSubstr("\"service\":\"web\""));
}

TEST_F(WatcherTest, RefusesAnUnknownOrchestrator) {
    meshprobe::testing::serve_stack(engine, {}, "small_data", "data", "small");
    watch::WatchTarget swarm = target();
    swarm.orchestrator = "swarm";
    EXPECT_THROW(watch::watch(swarm, once(), Console(true, false), "meshprobe"), InputError);
}
