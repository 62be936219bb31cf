// Files and labels are data, not paths; one lock per engine; no secret in what meshprobe
// records; probes and stand-ins bounded (issue 19).
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mesh_environment.h"
#include "engine/docker_api.h"
#include "exec/run_lock.h"
#include "meshprobe_cli.h"
#include "scratch_folder.h"

using namespace meshtest;
using meshprobe::testing::ScratchFolder;
using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

namespace {

constexpr const char* kProject = "meshtest-locks-files";

std::string content(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The lonely fixture (three stand-ins) under a project name of these tests' own.
std::string copy_lonely(const ScratchFolder& scratch) {
    const fs::path from = fs::path(SOURCE_DIR) / "fixtures/lonely";
    for (const auto& entry : fs::directory_iterator(from)) {
        fs::copy(entry.path(), scratch.dir() / entry.path().filename(), fs::copy_options::recursive);
    }
    std::string contract = content(scratch.dir() / "mesh.yaml");
    contract.replace(contract.find("meshtest-lonely"), std::string("meshtest-lonely").size(), kProject);
    return scratch.write("mesh.yaml", contract);
}

// What `docker inspect` says of the first container with this label, once one exists.
std::string inspect_first(const std::string& label, const std::string& format) {
    for (int i = 0; i < 1200; ++i) {
        int status = 0;
        const std::string id = shell("docker ps -q --filter label=" + label + " | head -n1");
        if (!id.empty()) {
            std::string out = shell("docker inspect -f '" + format + "' " + id.substr(0, id.find('\n')), &status);
            if (status == 0) return out.substr(0, out.find('\n'));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return "no container with label " + label;
}

// The project's lock file on the engine the tests use (a file per engine: those of another
// engine, from an earlier pass on it, are not this one's).
fs::path lock_file(const std::string& project) {
    meshprobe::Docker docker;
    return fs::path(meshprobe::state_directory()) / (meshprobe::project_key(docker.engine_id(), project) + ".lock");
}

// A meshprobe started in the background, stopped (SIGTERM) when the test leaves, also on a
// failed assertion: a watch left running would hold the stack and its outside host.
struct StoppedOnExit {
    pid_t pid;
    ~StoppedOnExit() {
        if (pid > 0 && ::kill(pid, SIGTERM) == 0) wait_exit(pid);
    }
};

}  // namespace

TEST(OneLockPerEngine, ASecondRunThroughAnotherAddressOfTheSameSocketIsRefused) {
    ScratchFolder scratch;
    const std::string contract = copy_lonely(scratch);
    const pid_t first = start_meshprobe({"-q", "--docker-host", "unix:///var/run/docker.sock", "-c", contract, "run",
                                         "--standin", "--egress-target", outside_target()});
    ASSERT_GT(first, 0);
    ASSERT_TRUE(wait_for_label(std::string("com.docker.compose.project=") + kProject));
    const Outcome second =
        run_meshprobe({"--docker-host", "unix:///run/docker.sock", "-c", contract, "run", "--standin"});
    EXPECT_EQ(second.exit_code, 3) << second.told();
    EXPECT_THAT(second.err, HasSubstr("another meshprobe is running"));
    EXPECT_THAT(second.err, Not(HasSubstr("removed")));
    EXPECT_EQ(wait_exit(first), 0);
    EXPECT_EQ(leftovers(kProject), std::vector<std::string>{});
}

TEST(Limits, ProbesAndStandinsHaveMemoryAndPidsLimits) {
    ScratchFolder scratch;
    const std::string contract = copy_lonely(scratch);
    const pid_t run = start_meshprobe({"-q", "-c", contract, "run", "--standin", "--egress-target", outside_target()});
    ASSERT_GT(run, 0);
    const std::string limits = "{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}}";
    EXPECT_EQ(inspect_first("meshprobe.role=standin", limits), "67108864 64");
    EXPECT_EQ(inspect_first("meshprobe.role=probe", limits), "67108864 64");
    EXPECT_EQ(wait_exit(run), 0);
    EXPECT_EQ(leftovers(kProject), std::vector<std::string>{});
}

TEST(Redaction, TheLockFileAndTheRefusalCarryNoWebhookCredentials) {
    ScratchFolder scratch;
    const std::string contract = copy_lonely(scratch);
    ASSERT_EQ(run_meshprobe({"-q", "-c", contract, "run", "--standin", "--keep", "--egress-target", outside_target()}).exit_code, 0);
    // Its first round takes the lock and writes the holder line; the agents it keeps show the round ran.
    const pid_t watch = start_meshprobe({"-q", "-c", contract, "watch", "--interval", "3600", "--webhook",
                                         "https://user:s3cret@127.0.0.1:9/hook?token=t0ken"});
    ASSERT_GT(watch, 0);
    StoppedOnExit stopped{watch};
    ASSERT_TRUE(wait_for_label(std::string("meshprobe.project=") + kProject));
    const fs::path lock = lock_file(kProject);
    ASSERT_TRUE(fs::exists(lock)) << lock;
    const std::string holder = content(lock);
    EXPECT_THAT(holder, HasSubstr("https://***@127.0.0.1:9/hook?***"));
    EXPECT_THAT(holder, Not(HasSubstr("s3cret")));
    EXPECT_THAT(holder, Not(HasSubstr("t0ken")));
    {
        // Held here, between watch's rounds: the refusal quotes watch's holder line.
        const int fd = ::open(lock.c_str(), O_RDONLY | O_CLOEXEC);
        ASSERT_EQ(::flock(fd, LOCK_EX), 0);
        const Outcome refused = run_meshprobe({"-c", contract, "clean"});
        ::close(fd);
        EXPECT_EQ(refused.exit_code, 3) << refused.told();
        EXPECT_THAT(refused.err, HasSubstr("another meshprobe is running"));
        EXPECT_THAT(refused.err, HasSubstr("watch"));
        EXPECT_THAT(refused.err, Not(HasSubstr("s3cret")));
        EXPECT_THAT(refused.err, Not(HasSubstr("t0ken")));
    }
    ::kill(watch, SIGTERM);
    wait_exit(watch);
    stopped.pid = -1;
    EXPECT_EQ(run_meshprobe({"-c", contract, "clean"}).exit_code, 0);
    EXPECT_EQ(leftovers(kProject), std::vector<std::string>{});
}

class SymlinkedOutput : public ::testing::Test {
protected:
    // L, a link to a file outside that must keep its content.
    std::string link(const std::string& name) {
        const std::string pointee = outside_.write(name, "precious\n");
        fs::create_symlink(pointee, scratch_.dir() / name);
        pointees_.push_back(pointee);
        return scratch_.path(name);
    }
    void expect_replaced(const std::string& path) {
        EXPECT_FALSE(fs::is_symlink(path)) << path;
        EXPECT_TRUE(fs::is_regular_file(path)) << path;
        EXPECT_NE(content(path), "precious\n") << path;
        for (const std::string& pointee : pointees_) EXPECT_EQ(content(pointee), "precious\n") << pointee;
    }
    std::string contract() const { return std::string(SOURCE_DIR) + "/fixtures/devonboarder/mesh.yaml"; }

    ScratchFolder scratch_{"meshtest-locks-files-out"};
    ScratchFolder outside_{"meshtest-locks-files-outside"};
    std::vector<std::string> pointees_;
};

TEST_F(SymlinkedOutput, TopologyReplacesTheLinkAndLeavesItsPointeeAlone) {
    const std::string out = link("topology.json");
    const Outcome topology = run_meshprobe({"-c", contract(), "topology", "--output", out});
    EXPECT_EQ(topology.exit_code, 0) << topology.told();
    expect_replaced(out);
}

TEST_F(SymlinkedOutput, DocsReplacesTheLinkAndLeavesItsPointeeAlone) {
    const std::string out = link("NETWORK.md");
    const Outcome docs = run_meshprobe({"-c", contract(), "docs", "--output", out});
    EXPECT_EQ(docs.exit_code, 0) << docs.told();
    expect_replaced(out);
}

TEST_F(SymlinkedOutput, CheckReplacesTheLinkAndLeavesItsPointeeAlone) {
    const std::string out = link("check.sarif");
    const Outcome check = run_meshprobe({"-c", contract(), "check", "--format", "sarif", "--output", out});
    EXPECT_EQ(check.exit_code, 0) << check.told();
    expect_replaced(out);
}

TEST_F(SymlinkedOutput, RunsReportsReplaceTheLinksAndLeaveTheirPointeesAlone) {
    ScratchFolder fixture;
    const std::string lonely = copy_lonely(fixture);
    const std::string junit = link("mesh.xml");
    const std::string markdown = link("mesh.md");
    const Outcome run = run_meshprobe({"-q", "-c", lonely, "run", "--standin", "--egress-target", outside_target(),
                                       "--junit", junit, "--markdown", markdown});
    EXPECT_EQ(run.exit_code, 0) << run.told();
    expect_replaced(junit);
    expect_replaced(markdown);
    EXPECT_THAT(content(junit), HasSubstr("<testsuite"));
}

TEST_F(SymlinkedOutput, WatchRefusesALogThatIsALink) {
    const std::string log = link("watch.log");
    const Outcome watch = run_meshprobe({"-c", contract(), "watch", "--once", "--log", log});
    EXPECT_EQ(watch.exit_code, 2) << watch.told();
    EXPECT_THAT(watch.err, HasSubstr("is a symbolic link"));
    EXPECT_TRUE(fs::is_symlink(log));
    EXPECT_EQ(content(log), "precious\n");
}

TEST(TraversingLabel, CleanAllSkipsTheContainerAndCreatesNothingOutsideItsStateFolder) {
    // An empty image of the test's own: `docker create` needs one, and never starts it.
    const std::string image = "meshtest-locks-files-empty:1";
    int status = 0;
    const std::string imported = shell("tar cf - --files-from /dev/null | docker import - " + image, &status);
    ASSERT_EQ(status, 0) << imported;
    const std::string name = "meshtest-locks-files-traversing";
    shell("docker rm -f " + name);
    const std::string created = shell("docker create --name " + name +
                                      " --label meshprobe.role=probe --label meshprobe.run=1-1"
                                      " --label meshprobe.project=../../tmp/meshtest-locks-files-x " + image + " /none",
                                      &status);
    ASSERT_EQ(status, 0) << created;
    const auto outside = [] {
        std::vector<std::string> found;
        for (const auto& entry : fs::directory_iterator("/tmp")) {
            if (entry.path().filename().string().rfind("meshtest-locks-files-x", 0) == 0) found.push_back(entry.path());
        }
        return found;
    };
    const Outcome clean = run_meshprobe({"clean", "--all"}, "/");
    EXPECT_EQ(outside(), std::vector<std::string>{});
    EXPECT_THAT(clean.err, HasSubstr("container " + name + " is skipped"));
    shell("docker rm -f " + name + " && docker rmi " + image);
}
