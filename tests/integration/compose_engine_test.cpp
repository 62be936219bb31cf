// Compose talks to the engine meshprobe was told to use, not to whatever the CLI's context says.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "mesh_environment.h"
#include "meshprobe_cli.h"

using namespace meshtest;
using ::testing::HasSubstr;

namespace {

// The counting proxy of tests/integration/support, started for one test.
class CountingProxy {
public:
    CountingProxy() {
        std::string tag = std::to_string(::getpid());
        socket_ = (std::filesystem::temp_directory_path() / ("meshtest-proxy-" + tag + ".sock")).string();
        log_ = (std::filesystem::temp_directory_path() / ("meshtest-proxy-" + tag + ".log")).string();
        std::filesystem::remove(log_);
        shell("python3 " SOURCE_DIR "/tests/integration/support/counting_proxy.py " + socket_ +
              " /var/run/docker.sock " + log_ + " >/dev/null 2>&1 & echo $! > " + log_ + ".pid");
        for (int i = 0; i < 100 && !std::filesystem::exists(socket_); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    ~CountingProxy() {
        shell("kill $(cat " + log_ + ".pid)");
        std::filesystem::remove(socket_);
        std::filesystem::remove(log_ + ".pid");
        std::filesystem::remove(log_);
    }
    bool ready() const { return std::filesystem::exists(socket_); }
    std::string url() const { return "unix://" + socket_; }
    // Requests whose user agent is meshprobe's own, or (mine = false) anyone else's.
    int requests(bool mine) const {
        std::ifstream in(log_);
        int count = 0;
        for (std::string line; std::getline(in, line);) {
            if ((line.rfind("meshprobe/", 0) == 0) == mine) ++count;
        }
        return count;
    }

private:
    std::string socket_;
    std::string log_;
};

}  // namespace

TEST(DockerHost, ReachesComposeToo) {
    CountingProxy proxy;
    ASSERT_TRUE(proxy.ready());
    // An inherited DOCKER_HOST naming another engine must not matter: --docker-host wins, for
    // compose as for meshprobe.
    ::setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock", 1);
    Outcome outcome = run_meshprobe({"-q", "--docker-host", proxy.url(), "-c", reference_contract(), "run", "--standin",
                                     "--suite", "reach", "--egress-target", outside_target()});
    ::unsetenv("DOCKER_HOST");
    EXPECT_EQ(outcome.exit_code, 0) << outcome.told();
    EXPECT_GT(proxy.requests(true), 10);
    // compose's `up`, `ps` and `down` all went through the proxy.
    EXPECT_GT(proxy.requests(false), 10);
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}

TEST(ComposeFlavour, IsTheOneAskedForOrV2ByDefault) {
    const char* asked = std::getenv("MESHPROBE_COMPOSE");
    std::string wanted = asked && *asked ? asked : "v2";
    Outcome outcome = run_meshprobe({"-v", "-c", reference_contract(), "run", "--standin", "--suite", "ports",
                                     "--egress-target", outside_target()});
    EXPECT_EQ(outcome.exit_code, 0) << outcome.told();
    EXPECT_THAT(outcome.err, HasSubstr("meshprobe: compose " + wanted + " "));
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}
