#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

#include "mesh_environment.h"
#include "meshprobe_cli.h"
#include "spawn_program.h"

using namespace meshtest;

namespace {

class Interrupt : public ::testing::TestWithParam<std::string> {};

}  // namespace

// Ctrl-C while the stand-ins start, and while the probes run: exit 130 and nothing left.
TEST_P(Interrupt, RemovesEverythingMeshprobeCreated) {
    pid_t pid = start_meshprobe({"-c", std::string(SOURCE_DIR) + "/fixtures/devonboarder/mesh.yaml", "run", "--standin",
                                 "--egress-target", outside_target()});
    ASSERT_GT(pid, 0);
    bool seen = wait_for_label("meshprobe.role=" + GetParam());
    ::kill(pid, SIGINT);
    int code = wait_exit(pid);
    ASSERT_TRUE(seen) << "no container with meshprobe.role=" << GetParam() << " appeared";
    EXPECT_EQ(code, 130);
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(During, Interrupt, ::testing::Values("standin", "probe"));

// A second Ctrl-C abandons the clean-up: meshprobe says what it leaves and how to remove it,
// and that command does remove it.
TEST(SecondInterrupt, SaysWhatIsLeftAndTheCleanCommandThatRemovesIt) {
    const std::string err_path = "/tmp/meshtest-second-interrupt-" + std::to_string(::getpid()) + ".err";
    pid_t pid = spawn_program(MESHPROBE_BINARY,
                              {"-c", reference_contract(), "run", "--standin", "--egress-target", outside_target()}, {},
                              "/dev/null", err_path);
    ASSERT_GT(pid, 0);
    bool seen = wait_for_label("meshprobe.role=probe");
    ::kill(pid, SIGINT);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // two signals at once would be one
    ::kill(pid, SIGINT);
    int code = wait_exit(pid);
    std::stringstream err;
    err << std::ifstream(err_path).rdbuf();
    ::unlink(err_path.c_str());
    ASSERT_TRUE(seen) << "no probe container appeared";
    EXPECT_EQ(code, 130);
    EXPECT_THAT(err.str(), ::testing::HasSubstr("clean-up abandoned; left behind: "));
    EXPECT_THAT(err.str(), ::testing::HasSubstr("stand-ins and networks of project devonboarder"));
    EXPECT_THAT(err.str(), ::testing::HasSubstr("meshprobe -c " + reference_contract() + " clean` removes them"));

    Outcome clean = run_meshprobe({"-c", reference_contract(), "clean"});
    EXPECT_EQ(clean.exit_code, 0) << clean.err;
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}
