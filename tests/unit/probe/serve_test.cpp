// The stand-in (serve mode) end to end on 127.0.0.1.
#include <signal.h>

#include <thread>

#include <gtest/gtest.h>

#include "child_process.h"
#include "loopback.h"

namespace meshprobe::probe::testing {
namespace {

using namespace std::chrono_literals;

std::vector<std::string> serve_args(const std::string& name, const std::vector<int>& ports) {
    std::vector<std::string> args{"serve", "--name", name};
    for (int port : ports) {
        args.push_back("--port");
        args.push_back(std::to_string(port));
    }
    return args;
}

TEST(Serve, GreetsOnEveryPort) {
    const int first = free_port();
    const int second = free_port();
    BackgroundProbe stand_in(serve_args("backend", {first, second}));
    ASSERT_TRUE(wait_for_listener(first, 5s));
    ASSERT_TRUE(wait_for_listener(second, 5s));
}

TEST(Serve, AnswersUdpWithTheGreeting) {
    const int port = free_port();
    BackgroundProbe stand_in(serve_args("dns-cache", {port}));
    ASSERT_TRUE(wait_for_listener(port, 5s));
    EXPECT_EQ(udp_exchange(port, "hello", 2s), "meshprobe-standin dns-cache\n");
}

TEST(Serve, ExitsZeroPromptlyOnSigterm) {
    const int port = free_port();
    BackgroundProbe stand_in(serve_args("db", {port}));
    ASSERT_TRUE(wait_for_listener(port, 5s));
    EXPECT_EQ(stand_in.stop(SIGTERM, 1000ms), 0);
}

TEST(Serve, ExitsZeroPromptlyOnSigint) {
    const int port = free_port();
    BackgroundProbe stand_in(serve_args("db", {port}));
    ASSERT_TRUE(wait_for_listener(port, 5s));
    EXPECT_EQ(stand_in.stop(SIGINT, 1000ms), 0);
}

TEST(Serve, WithoutPortsKeepsRunningUntilStopped) {
    BackgroundProbe stand_in(serve_args("worker", {}));
    std::this_thread::sleep_for(200ms);
    EXPECT_TRUE(stand_in.running());
    EXPECT_EQ(stand_in.stop(SIGTERM, 1000ms), 0);
}

TEST(Serve, ExitsTwoWithoutAName) {
    EXPECT_EQ(run_probe({"serve", "--port", "8080"}).exit_code, 2);
}

TEST(Serve, ExitsTwoForAPortOutOfRange) {
    const Finished finished = run_probe({"serve", "--name", "db", "--port", "70000"});
    EXPECT_EQ(finished.exit_code, 2);
    EXPECT_EQ(finished.err, "probe: serve: --port must be an integer from 1 to 65535, got \"70000\"\n");
}

TEST(Serve, ExitsThreeWhenAPortIsTaken) {
    StuckListener taken(false);
    EXPECT_EQ(run_probe(serve_args("db", {taken.port()})).exit_code, 3);
}

}  // namespace
}  // namespace meshprobe::probe::testing
