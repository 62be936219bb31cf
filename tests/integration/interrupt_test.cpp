#include <gtest/gtest.h>

#include <csignal>

#include "mesh_environment.h"
#include "meshprobe_cli.h"

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
