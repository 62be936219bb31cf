#include <gtest/gtest.h>

#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

#include "engine/docker_api.h"
#include "mesh_environment.h"
#include "meshprobe_cli.h"

extern char** environ;

using namespace meshtest;

namespace {

pid_t start_meshprobe(const std::vector<std::string>& args) {
    std::vector<std::string> all{MESHPROBE_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    posix_spawn(&pid, MESHPROBE_BINARY, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return pid;
}

// Polls the engine until a container with this label exists; false after 120 s.
bool wait_for_label(const std::string& label) {
    meshprobe::Docker docker;
    for (int i = 0; i < 2400; ++i) {
        if (!docker.list_containers({label}, true).empty()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

int wait_exit(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

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
