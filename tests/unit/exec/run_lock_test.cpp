#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "core/errors.h"
#include "exec/run_lock.h"

using namespace meshprobe;
using ::testing::HasSubstr;

namespace {

std::string unique_project() { return "unit-lock-" + std::to_string(::getpid()); }

const EngineName kLocal{"ENGINE:ONE", "unix:///var/run/docker.sock"};

}  // namespace

TEST(ProjectLock, ASecondHolderIsRefusedWithWhoHoldsIt) {
    ProjectLock first(kLocal, unique_project(), "run-1");
    try {
        ProjectLock second(kLocal, unique_project(), "run-2");
        FAIL() << "the second lock was granted";
    } catch (const InfraError& e) {
        EXPECT_THAT(e.what(), HasSubstr("pid " + std::to_string(::getpid())));
        EXPECT_THAT(e.what(), HasSubstr("run run-1"));
    }
}

TEST(ProjectLock, IsFreeAgainOnceReleased) {
    { ProjectLock first(kLocal, unique_project(), "run-1"); }
    EXPECT_NO_THROW(ProjectLock(kLocal, unique_project(), "run-2"));
}

TEST(ProjectLock, TwoEnginesDoNotShareALock) {
    ProjectLock local(kLocal, unique_project(), "run-1");
    EXPECT_NO_THROW(ProjectLock(EngineName{"ENGINE:TWO", "tcp://127.0.0.1:2375"}, unique_project(), "run-2"));
}

TEST(ProjectLock, TwoAddressesOfOneEngineShareALock) {
    ProjectLock first(kLocal, unique_project(), "run-1");
    EXPECT_THROW(ProjectLock(EngineName{kLocal.id, "unix:///run/docker.sock"}, unique_project(), "run-2"), InfraError);
}

TEST(ProjectLock, RefusesAProjectThatIsNoComposeProjectName) {
    EXPECT_THROW(ProjectLock(kLocal, "../../tmp/x", "run-1"), InfraError);
}

TEST(KeptRun, IsRememberedAndForgotten) {
    std::string key = project_key(kLocal.id, unique_project());
    mark_kept(key, "123-456");
    EXPECT_EQ(kept_run(key), "123-456");
    forget_kept(key);
    EXPECT_EQ(kept_run(key), "");
}

TEST(ProjectLock, TheRefusalCarriesNoCredentialsOfTheHoldersCommand) {
    // A holder line as an older meshprobe wrote it, the webhook's credentials in it.
    const std::string path = state_directory() + "/" + project_key(kLocal.id, unique_project()) + ".lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    ASSERT_GE(fd, 0);
    const std::string holder = "pid 1, run 1-2: meshprobe watch --webhook https://bot:s3cret@ci.example.test/hook";
    ASSERT_EQ(::write(fd, holder.data(), holder.size()), static_cast<ssize_t>(holder.size()));
    ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
    try {
        ProjectLock second(kLocal, unique_project(), "run-2");
        FAIL() << "the lock was granted";
    } catch (const InfraError& e) {
        EXPECT_THAT(e.what(), HasSubstr("https://***@ci.example.test/hook"));
        EXPECT_THAT(e.what(), ::testing::Not(HasSubstr("s3cret")));
    }
    ::close(fd);
}
