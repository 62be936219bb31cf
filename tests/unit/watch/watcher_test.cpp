#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "compose_stack.h"
#include "fake_github.h"
#include "core/errors.h"
#include "live_small_stack.h"
#include "watch/watcher.h"

using namespace meshprobe;
using meshprobe::testing::FakeContainer;
using meshprobe::testing::FakeEngine;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

namespace {

class WatcherTest : public meshprobe::testing::LiveSmallStack {
protected:
    watch::WatchTarget target() const { return {folder.path("mesh.yaml"), "", engine.docker_host(), "compose", {}}; }
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

TEST_F(WatcherTest, TheProjectNameFlagNamesTheProjectWatched) {
    meshprobe::testing::serve_stack(
        engine, {{"c1", "small-db-1", "db", 1, "running", "small_data", "172.32.0.4", "small"}}, "small_data", "data",
        "small");
    watch::WatchTarget other = target();
    other.compose.project_name = "other";
    try {
        watch::watch(other, once(), Console(true, false), "meshprobe");
        FAIL() << "watched project small when -p named other";
    } catch (const InfraError& e) {
        EXPECT_THAT(e.what(), HasSubstr("has no container of project other"));
    }
}

namespace {

// watch --github-issues on the small stack, two of whose services do not run: each is a
// violation, and an issue on the fake GitHub.
class WatcherGithubTest : public WatcherTest {
protected:
    void SetUp() override {
        ::setenv("no_proxy", "127.0.0.1", 1);
        ::setenv("NO_PROXY", "127.0.0.1", 1);
        ::setenv("GITHUB_TOKEN", "ghp_watcher", 1);
        ::setenv("GITHUB_API_URL", github.api_url().c_str(), 1);
        meshprobe::testing::serve_stack(
            engine, {{"c1", "small-db-1", "db", 1, "running", "small_data", "172.32.0.4", "small"}}, "small_data", "data",
            "small");
        std::filesystem::remove(log);
    }
    void TearDown() override {
        ::unsetenv("GITHUB_TOKEN");
        ::unsetenv("GITHUB_API_URL");
        std::filesystem::remove(log);
    }
    // One --once run on the log; the probe round cannot be made on the fake engine (exit 3), but
    // what the model shows is judged and handed to GitHub before that.
    void run_once() {
        watch::WatchOptions options = once();
        options.log = log;
        options.github_issues = "acme/shop";
        ::testing::internal::CaptureStdout();
        EXPECT_THROW(watch::watch(target(), options, Console(true, false), "meshprobe"), InfraError);
        ::testing::internal::GetCapturedStdout();
    }

    meshprobe::testing::FakeGithub github{"ghp_watcher", "acme", "shop"};
    const std::string log = folder.path("violations.jsonl");
};

}  // namespace

TEST_F(WatcherGithubTest, OpensAnIssueForEachViolationItReports) {
    run_once();
    const auto issues = github.issues();
    ASSERT_THAT(issues, SizeIs(2));
    EXPECT_THAT(issues[0].body + issues[1].body, HasSubstr("`api`"));
    EXPECT_THAT(issues[0].body + issues[1].body, HasSubstr("`web`"));
    EXPECT_THAT(github.protocol_errors(), IsEmpty());
}

TEST_F(WatcherGithubTest, ASecondRunOnTheSameLogOpensNoSecondIssue) {
    run_once();
    run_once();
    EXPECT_THAT(github.issues(), SizeIs(2));
    for (const auto& issue : github.issues()) EXPECT_THAT(issue.comments, IsEmpty());
    EXPECT_THAT(github.protocol_errors(), IsEmpty());
}

TEST_F(WatcherGithubTest, ASecondRunOpensTheIssuesTheFirstCouldNotDeliver) {
    github.fail_next(1000, 404);  // as a repository the token cannot see: refused, not retried
    run_once();
    ASSERT_THAT(github.issues(), IsEmpty());
    github.fail_next(0, 404);
    run_once();  // the log leaves both open: they are handed to GitHub again at the start
    EXPECT_THAT(github.issues(), SizeIs(2));
    EXPECT_THAT(github.protocol_errors(), IsEmpty());
}
