#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include "core/errors.h"
#include "exec/run_lock.h"

using namespace meshprobe;
using ::testing::HasSubstr;

namespace {

std::string unique_project() { return "unit-lock-" + std::to_string(::getpid()); }

}  // namespace

TEST(ProjectLock, ASecondHolderIsRefusedWithWhoHoldsIt) {
    ProjectLock first("unix:///var/run/docker.sock", unique_project(), "run-1");
    try {
        ProjectLock second("unix:///var/run/docker.sock", unique_project(), "run-2");
        FAIL() << "the second lock was granted";
    } catch (const InfraError& e) {
        EXPECT_THAT(e.what(), HasSubstr("pid " + std::to_string(::getpid())));
        EXPECT_THAT(e.what(), HasSubstr("run run-1"));
    }
}

TEST(ProjectLock, IsFreeAgainOnceReleased) {
    { ProjectLock first("unix:///var/run/docker.sock", unique_project(), "run-1"); }
    EXPECT_NO_THROW(ProjectLock("unix:///var/run/docker.sock", unique_project(), "run-2"));
}

TEST(ProjectLock, TwoEnginesDoNotShareALock) {
    ProjectLock local("unix:///var/run/docker.sock", unique_project(), "run-1");
    EXPECT_NO_THROW(ProjectLock("tcp://127.0.0.1:2375", unique_project(), "run-2"));
}

TEST(KeptRun, IsRememberedAndForgotten) {
    std::string key = project_key("unix:///var/run/docker.sock", unique_project());
    mark_kept(key, "123-456");
    EXPECT_EQ(kept_run(key), "123-456");
    forget_kept(key);
    EXPECT_EQ(kept_run(key), "");
}
