#include "compose/child_process.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <thread>

#include "core/errors.h"

namespace meshprobe {
namespace {

using namespace std::chrono_literals;

ChildResult shell(const std::string& script, std::chrono::milliseconds timeout = 10s,
                  const std::atomic<bool>* cancel = nullptr) {
    return run_child({"/bin/sh", {"-c", script}, timeout, cancel, {}});
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(ChildProcess, CapturesStdoutStderrAndExitCode) {
    const ChildResult result = shell("echo out; echo err >&2; exit 3");
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_EQ(result.out, "out\n");
    EXPECT_EQ(result.err, "err\n");
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.combined(), "err\nout\n");
}

TEST(ChildProcess, SuccessIsOk) { EXPECT_TRUE(shell("true").ok()); }

TEST(ChildProcess, StdinIsEmpty) { EXPECT_EQ(shell("cat").out, ""); }

TEST(ChildProcess, TimeoutEndsTheChildAndItsChildren) {
    const auto start = std::chrono::steady_clock::now();
    // The background sleep holds stdout open: only a signal to the whole group ends it quickly.
    const ChildResult result = shell("sleep 30 & wait", 300ms);
    EXPECT_TRUE(result.timed_out);
    EXPECT_FALSE(result.ok());
    EXPECT_LT(seconds_since(start), 2.5);
}

TEST(ChildProcess, CancelFlagEndsTheChild) {
    std::atomic<bool> cancel{false};
    std::thread canceller([&cancel] {
        std::this_thread::sleep_for(200ms);
        cancel = true;
    });
    const auto start = std::chrono::steady_clock::now();
    const ChildResult result = shell("sleep 30", 20s, &cancel);
    canceller.join();
    EXPECT_TRUE(result.cancelled);
    EXPECT_FALSE(result.timed_out);
    EXPECT_LT(seconds_since(start), 2.5);
}

TEST(ChildProcess, ChildLeadsAProcessGroupOfItsOwn) {
    // Field 5 of /proc/<pid>/stat is the process group; field 1 the pid.
    const ChildResult result = shell("cut -d' ' -f1,5 /proc/$$/stat");
    ASSERT_TRUE(result.ok()) << result.combined();
    const auto space = result.out.find(' ');
    const std::string pid = result.out.substr(0, space);
    const std::string group = result.out.substr(space + 1, result.out.find('\n') - space - 1);
    EXPECT_EQ(group, pid);
    EXPECT_NE(group, std::to_string(::getpgrp()));
}

TEST(ChildProcess, MissingProgramIsAnInfraError) {
    EXPECT_THROW(run_child({"/nonexistent/program", {}, 1s, nullptr, {}}), InfraError);
}

}  // namespace
}  // namespace meshprobe
