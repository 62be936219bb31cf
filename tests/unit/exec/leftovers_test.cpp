#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include "exec/leftovers.h"
#include "orchestrator/orchestrators.h"
#include "fake_engine.h"

using namespace meshprobe;

TEST(RunId, BeginsWithThePidOfItsRun) {
    EXPECT_EQ(pid_of_run("1234-567890"), 1234);
    EXPECT_EQ(pid_of_run("clean"), 0);
    EXPECT_EQ(pid_of_run("-12"), 0);
    EXPECT_EQ(pid_of_run("12x-3"), 0);
}

TEST(ProcessAlive, TellsALiveProcessFromAGoneOne) {
    EXPECT_TRUE(process_alive(::getpid()));
    EXPECT_FALSE(process_alive(999999999));
}

TEST(RunAlive, TellsALiveRunFromAGoneOne) {
    EXPECT_TRUE(run_alive(std::to_string(::getpid()) + "-1"));
    EXPECT_FALSE(run_alive("999999999-1"));
    EXPECT_FALSE(run_alive("clean"));
}

TEST(Leftovers, DescribesWhatWasRemovedAndWhose) {
    Leftovers left;
    left.probes = 2;
    left.standins = 8;
    left.networks = 4;
    left.runs = {"77-1"};
    EXPECT_EQ(left.describe(), "2 probe containers, 8 stand-ins and 4 networks of run 77-1");
}

TEST(RunFolder, IsNamedAfterItsRun) {
    std::string folder = make_run_folder("4242-17");
    EXPECT_NE(folder.find("meshprobe-run-4242-17-"), std::string::npos) << folder;
    ::rmdir(folder.c_str());
}

namespace {

// A container as engine 20.10 answers an inspect, trimmed to what is read.
std::string inspect(const std::string& id, const std::string& name, const std::string& labels) {
    return R"({"Id": ")" + id + R"(", "Name": "/)" + name + R"(", "State": {"Status": "created"},
              "Config": {"Image": "x", "Labels": )" + labels + R"(},
              "HostConfig": {"NetworkMode": "none"}, "NetworkSettings": {"Ports": {}, "Networks": {}}})";
}

}  // namespace

TEST(ProjectsWithLeftovers, SkipsAContainerWhoseProjectLabelIsNoProjectNameAndNamesIt) {
    meshprobe::testing::FakeEngine engine;
    engine.on("GET", "/containers/json", {.body = R"([{"Id": "good1"}, {"Id": "evil2"}])"});
    engine.on("GET", "/containers/good1/json",
              {.body = inspect("good1", "probe-good", R"({"meshprobe.role": "probe", "meshprobe.project": "shop"})")});
    engine.on("GET", "/containers/evil2/json",
              {.body = inspect("evil2", "evil", R"({"meshprobe.role": "probe", "meshprobe.project": "../../tmp/x"})")});
    Docker docker(engine.docker_host());
    const LabelledProjects found = projects_with_leftovers(docker, *make_orchestrator("compose", std::string{}));
    EXPECT_EQ(found.projects, std::set<std::string>{"shop"});
    ASSERT_EQ(found.skipped.size(), 1u);
    EXPECT_THAT(found.skipped.front(), ::testing::HasSubstr("container evil is skipped"));
}
