#include "reports/progress.h"

#include <atomic>
#include <sstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace meshprobe {
namespace {

const std::string kErase = "\r\x1b[K";

TEST(Progress, WritesNothingWhenDisabled) {
    std::ostringstream out;
    {
        Progress progress(false, out);
        progress.phase("reach");
        progress.step(1, 10);
        progress.done();
    }
    EXPECT_EQ(out.str(), "");
}

TEST(Progress, RedrawsOneLineAndErasesItWhenDone) {
    std::ostringstream out;
    Progress progress(true, out);
    progress.phase("reach");
    progress.step(5, 10);
    progress.done();
    EXPECT_EQ(out.str(), kErase + "reach" + kErase + "reach [##########          ] 5/10" + kErase);
}

TEST(Progress, IgnoresACountOlderThanTheOneShown) {
    std::ostringstream out;
    Progress progress(true, out);
    progress.phase("reach");
    progress.step(6, 10);
    const std::string shown = out.str();
    progress.step(5, 10);
    EXPECT_EQ(out.str(), shown);
}

TEST(Progress, NewPhaseStartsCountingAgain) {
    std::ostringstream out;
    Progress progress(true, out);
    progress.phase("dns");
    progress.step(10, 10);
    progress.phase("reach");
    progress.step(1, 20);
    EXPECT_TRUE(out.str().ends_with(kErase + "reach [#                   ] 1/20"));
}

TEST(Progress, DestructorErasesALineStillShown) {
    std::ostringstream out;
    {
        Progress progress(true, out);
        progress.phase("reach");
    }
    EXPECT_TRUE(out.str().ends_with("reach" + kErase));
}

TEST(Progress, DoneTwiceErasesOnce) {
    std::ostringstream out;
    Progress progress(true, out);
    progress.phase("reach");
    progress.done();
    const std::string once = out.str();
    progress.done();
    EXPECT_EQ(out.str(), once);
}

TEST(Progress, StepsFromManyThreadsEndOnTheFullCount) {
    std::ostringstream out;
    Progress progress(true, out);
    progress.phase("reach");
    constexpr int kThreads = 8;
    constexpr int kPerThread = 50;
    std::atomic<int> finished{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < kThreads; ++t) {
        workers.emplace_back([&] {
            for (int i = 0; i < kPerThread; ++i) progress.step(++finished, kThreads * kPerThread);
        });
    }
    for (std::thread& worker : workers) worker.join();
    EXPECT_TRUE(out.str().ends_with("] 400/400")) << out.str().substr(out.str().size() - 40);
}

}  // namespace
}  // namespace meshprobe
