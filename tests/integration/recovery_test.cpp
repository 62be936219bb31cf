// A run that did not prove a service never passes; two runs of one project never both
// proceed; whatever a killed run left, the next run or `meshprobe clean` removes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>
#include <thread>

#include "mesh_environment.h"
#include "meshprobe_cli.h"

using namespace meshtest;
using ::testing::HasSubstr;

namespace {

std::vector<std::string> keep_reference() {
    return {"-q", "-c", reference_contract(), "run", "--standin", "--keep", "--egress-target", outside_target()};
}

Outcome probe_running_reference() {
    return run_meshprobe({"-c", reference_contract(), "run", "--no-up", "--egress-target", outside_target()});
}

Outcome clean_reference() { return run_meshprobe({"-c", reference_contract(), "clean"}); }

// The containers of one reference service, by label: compose v1 and v2 name them differently.
std::string containers_of(const std::string& service) {
    return "$(docker ps -aq --filter label=com.docker.compose.project=devonboarder --filter "
           "label=com.docker.compose.service=" + service + ")";
}

std::string verdict_of(const Outcome& outcome, const std::string& id) {
    for (const auto& check : outcome.report["checks"]) {
        if (check["id"] == id) return check["verdict"];
    }
    return "absent";
}

}  // namespace

TEST(Completeness, RemovedServicesFailTheRunByName) {
    ASSERT_EQ(run_meshprobe(keep_reference()).exit_code, 0);
    shell("docker rm -f " + containers_of("db") + " " + containers_of("traefik"));
    Outcome outcome = probe_running_reference();
    EXPECT_EQ(outcome.exit_code, 1) << outcome.told();
    EXPECT_EQ(verdict_of(outcome, "stack:db"), "fail");
    EXPECT_EQ(verdict_of(outcome, "stack:traefik"), "fail");
    EXPECT_EQ(verdict_of(outcome, "stack:backend"), "pass");
    EXPECT_THAT(outcome.out, HasSubstr("stack:db"));
    EXPECT_EQ(clean_reference().exit_code, 0);
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}

TEST(Completeness, AStoppedServiceFailsTheRun) {
    ASSERT_EQ(run_meshprobe(keep_reference()).exit_code, 0);
    shell("docker stop -t 1 " + containers_of("frontend"));
    Outcome outcome = probe_running_reference();
    EXPECT_EQ(outcome.exit_code, 1) << outcome.told();
    EXPECT_EQ(outcome.failing(), std::set<std::string>{"stack:frontend"});
    EXPECT_EQ(clean_reference().exit_code, 0);
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}

TEST(ProjectLock, ASecondRunOfTheSameProjectExitsThreeAndLeavesTheFirstAlone) {
    pid_t first = start_meshprobe({"-q", "-c", reference_contract(), "run", "--standin", "--egress-target", outside_target()});
    ASSERT_GT(first, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    Outcome second = run_meshprobe({"-c", reference_contract(), "run", "--standin"});
    EXPECT_EQ(second.exit_code, 3);
    EXPECT_THAT(second.err, HasSubstr("pid " + std::to_string(first)));
    EXPECT_EQ(wait_exit(first), 0);
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}

class KilledRun : public ::testing::TestWithParam<std::string> {};

// kill -9 while the stand-ins start and while the probes run: the next run removes what the
// dead one left, says so, and passes.
TEST_P(KilledRun, TheNextRunRemovesWhatItLeft) {
    pid_t pid = start_meshprobe({"-c", reference_contract(), "run", "--standin", "--egress-target", outside_target()});
    ASSERT_GT(pid, 0);
    bool seen = wait_for_label("meshprobe.role=" + GetParam());
    ::kill(pid, SIGKILL);
    wait_exit(pid);
    ASSERT_TRUE(seen);
    EXPECT_NE(leftovers("devonboarder"), std::vector<std::string>{});
    Outcome next = run_meshprobe({"-c", reference_contract(), "run", "--standin", "--egress-target", outside_target()});
    EXPECT_EQ(next.exit_code, 0) << next.told();
    EXPECT_THAT(next.err, HasSubstr("removed what an earlier meshprobe left behind"));
    EXPECT_THAT(next.err, HasSubstr("of run " + std::to_string(pid) + "-"));
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(During, KilledRun, ::testing::Values("standin", "probe"));

TEST(Clean, RemovesWhatAKilledRunLeft) {
    pid_t pid = start_meshprobe({"-c", reference_contract(), "run", "--standin", "--egress-target", outside_target()});
    ASSERT_TRUE(wait_for_label("meshprobe.role=probe"));
    ::kill(pid, SIGKILL);
    wait_exit(pid);
    Outcome clean = clean_reference();
    EXPECT_EQ(clean.exit_code, 0) << clean.told();
    EXPECT_THAT(clean.err, HasSubstr("removed"));
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}

TEST(Clean, AllRemovesEveryProjectsLeftovers) {
    ASSERT_EQ(run_meshprobe(keep_reference()).exit_code, 0);
    Outcome clean = run_meshprobe({"clean", "--all"}, "/");
    EXPECT_EQ(clean.exit_code, 0) << clean.told();
    EXPECT_THAT(clean.err, HasSubstr("project devonboarder: removed 8 stand-ins"));
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}

TEST(Keep, PrintsACleanCommandThatWorksFromAnyFolder) {
    Outcome kept = run_meshprobe({"-c", reference_contract(), "run", "--standin", "--keep", "--egress-target", outside_target()});
    ASSERT_EQ(kept.exit_code, 0) << kept.told();
    std::string marker = "`meshprobe -c ";
    auto at = kept.err.find(marker);
    ASSERT_NE(at, std::string::npos) << kept.err;
    std::string hint = kept.err.substr(at + 1, kept.err.find('`', at + 1) - at - 1);
    int status = 0;
    std::string out = shell("cd / && " + std::string(MESHPROBE_BINARY) + hint.substr(std::string("meshprobe").size()), &status);
    EXPECT_EQ(status, 0) << hint << "\n" << out;
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}

TEST(Keep, KeptStandinsAreProbedByNoUpAndReplacedByTheNextStandinRun) {
    ASSERT_EQ(run_meshprobe(keep_reference()).exit_code, 0);
    Outcome probed = probe_running_reference();
    EXPECT_EQ(probed.exit_code, 0) << probed.told();
    Outcome replaced = run_meshprobe({"-q", "-c", reference_contract(), "run", "--standin", "--egress-target", outside_target()});
    EXPECT_EQ(replaced.exit_code, 0) << replaced.told();
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}
