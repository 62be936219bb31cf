// The built binary on what a pull request's compose files could hold: every command stops on
// a signal, every budget ends in exit 2 with the file and the limit, nothing blocks or leaks.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <csignal>
#include <filesystem>
#include <thread>

#include "hostile_inputs.h"
#include "scratch_folder.h"
#include "spawned_meshprobe.h"

using namespace meshtest;
using meshprobe::testing::ScratchFolder;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

namespace {

// Large enough that `check` and `init` take seconds on it, however fast the machine.
constexpr int kSlowStack = 150'000;

// How long after the signal the process ended, and how.
struct Stopped {
    int exit_code = -1;
    std::chrono::milliseconds after_signal{};
    std::string err;
};

// Starts meshprobe on the folder, signals it once it is busy, and times its end.
Stopped signal_while_busy(const ScratchFolder& folder, const std::vector<std::string>& args, int number) {
    SpawnedMeshprobe meshprobe(args, folder.dir().string());
    std::this_thread::sleep_for(400ms);
    const auto signalled = std::chrono::steady_clock::now();
    meshprobe.signal(number);
    meshprobe.wait(30s);
    return Stopped{meshprobe.exit_code(),
                   std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - signalled),
                   meshprobe.err()};
}

class SlowStack : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        folder_ = new ScratchFolder("meshtest-signals-budgets");
        write_large_stack(*folder_, kSlowStack);
    }
    static void TearDownTestSuite() { delete folder_; }
    static ScratchFolder* folder_;
};

ScratchFolder* SlowStack::folder_ = nullptr;

}  // namespace

TEST_F(SlowStack, CheckEndsWithinASecondOfSigtermWithExit143) {
    const Stopped stopped = signal_while_busy(*folder_, {"check"}, SIGTERM);
    EXPECT_EQ(stopped.exit_code, 143) << stopped.err;
    EXPECT_LT(stopped.after_signal, 1000ms) << stopped.err;
}

TEST_F(SlowStack, CheckEndsWithExit130OnSigint) {
    const Stopped stopped = signal_while_busy(*folder_, {"check"}, SIGINT);
    EXPECT_EQ(stopped.exit_code, 130) << stopped.err;
    EXPECT_LT(stopped.after_signal, 1000ms) << stopped.err;
}

TEST_F(SlowStack, InitEndsWithinASecondOfSigtermAndWritesNothing) {
    ScratchFolder out("meshtest-signals-budgets-init");
    const std::string compose = folder_->path("docker-compose.yaml");
    const Stopped stopped = signal_while_busy(out, {"init", "-f", compose, "--metadata", "services"}, SIGTERM);
    EXPECT_EQ(stopped.exit_code, 143) << stopped.err;
    EXPECT_LT(stopped.after_signal, 1000ms) << stopped.err;
    EXPECT_TRUE(std::filesystem::is_empty(out.dir())) << "init left files behind after SIGTERM";
}

TEST_F(SlowStack, TopologyEndsWithinASecondOfSigterm) {
    const Stopped stopped = signal_while_busy(*folder_, {"topology"}, SIGTERM);
    EXPECT_EQ(stopped.exit_code, 143) << stopped.err;
    EXPECT_LT(stopped.after_signal, 1000ms) << stopped.err;
}

// 62 files under 2 KB, read naively 2^30 times. Loaded once each, it is an ordinary project.
TEST(IncludeDiamond, ThirtyLevelsDeepLoadsInUnderTwoSeconds) {
    ScratchFolder folder("meshtest-signals-budgets");
    write_include_diamond(folder, 30, 2);
    const Finished check = run_to_end({"check"}, folder.dir().string());
    EXPECT_EQ(check.exit_code, 0) << check.err;
    EXPECT_LT(check.took, 2000ms);  // "under a second" on an idle machine; CI is loaded
}

TEST(IncludeDiamond, AWideFanOutRunsOutOfTheBudgetWithExitTwo) {
    ScratchFolder folder("meshtest-signals-budgets");
    write_include_diamond(folder, 8, 130);  // 130 x 130 includes a level
    const Finished check = run_to_end({"check"}, folder.dir().string());
    EXPECT_EQ(check.exit_code, 2) << check.err;
    EXPECT_THAT(check.err, HasSubstr("(the limit for one project"));
    EXPECT_LT(check.took, 2000ms);
}

TEST(IncludeDiamond, IncludingMoreThanAThousandFilesIsExitTwoWithTheLimit) {
    ScratchFolder folder("meshtest-signals-budgets");
    std::string include = "include:\n";
    for (int i = 0; i < 1001; ++i) {
        const std::string name = "f" + std::to_string(i) + ".yaml";
        folder.write(name, "services:\n  s" + std::to_string(i) + ": {image: example/app}\n");
        include += "  - " + name + "\n";
    }
    folder.write("docker-compose.yaml", include);
    write_contract(folder, "docker-compose.yaml");
    const Finished check = run_to_end({"check"}, folder.dir().string());
    EXPECT_EQ(check.exit_code, 2) << check.err;
    EXPECT_THAT(check.err, HasSubstr("docker-compose.yaml:1001: the compose files include more than 1000 files"));
}

TEST(IncludeDiamond, OneFileIncludedFiveHundredTimesRunsOutOfExpansions) {
    ScratchFolder folder("meshtest-signals-budgets");
    std::string services = "services:\n";
    for (int i = 0; i < 500; ++i) services += "  s" + std::to_string(i) + ": {image: example/app}\n";
    folder.write("many.yaml", services);
    std::string include = "include:\n";
    for (int i = 0; i < 501; ++i) include += "  - many.yaml\n";
    folder.write("docker-compose.yaml", include);
    write_contract(folder, "docker-compose.yaml");
    const Finished check = run_to_end({"check"}, folder.dir().string());
    EXPECT_EQ(check.exit_code, 2) << check.err;
    EXPECT_THAT(check.err, HasSubstr("docker-compose.yaml:"));
    EXPECT_THAT(check.err, HasSubstr("more than 250000 references and included services"));
}

// The shapes: anchors nested 80 deep in 400 KB (2.3 GB before), and a 3 MB file
// (std::bad_alloc, exit 3, after 11-43 s before).
TEST(NestedAnchors, FourHundredKilobytesEightyDeepIsExitTwoWithTheLimit) {
    ScratchFolder folder("meshtest-signals-budgets");
    write_nested_anchors(folder, 80, 57'000);  // 400 KB
    const Finished check = run_to_end({"check"}, folder.dir().string());
    EXPECT_EQ(check.exit_code, 2) << check.err;
    EXPECT_THAT(check.err, HasSubstr("docker-compose.yaml:1: the document expands to more than 2000000 nodes"));
    EXPECT_LT(check.took, 2000ms);
}

TEST(NestedAnchors, ThreeMegabytesIsExitTwoWithTheLimit) {
    ScratchFolder folder("meshtest-signals-budgets");
    write_nested_anchors(folder, 20, 430'000);  // 3 MB
    const Finished check = run_to_end({"check"}, folder.dir().string());
    EXPECT_EQ(check.exit_code, 2) << check.err;
    EXPECT_THAT(check.err, HasSubstr("docker-compose.yaml:1: the document expands to more than 2000000 nodes"));
    EXPECT_LT(check.took, 2000ms);
}

TEST(NotARegularFile, ADotEnvFifoIsExitTwoWithItsPathAndNoWait) {
    ScratchFolder folder("meshtest-signals-budgets");
    folder.write("docker-compose.yaml", "services:\n  s0: {image: example/app}\n");
    write_contract(folder, "docker-compose.yaml");
    ASSERT_EQ(::mkfifo(folder.path(".env").c_str(), 0600), 0);
    const Finished check = run_to_end({"check"}, folder.dir().string(), 10s);
    EXPECT_EQ(check.exit_code, 2) << check.err;
    EXPECT_THAT(check.err, HasSubstr(folder.path(".env") + ": env file is not a regular file (a FIFO)"));
}

TEST(NotARegularFile, AComposeFileThatIsAFifoIsExitTwoAndNoWait) {
    ScratchFolder folder("meshtest-signals-budgets");
    ASSERT_EQ(::mkfifo(folder.path("docker-compose.yaml").c_str(), 0600), 0);
    write_contract(folder, "docker-compose.yaml");
    const Finished check = run_to_end({"check"}, folder.dir().string(), 10s);
    EXPECT_EQ(check.exit_code, 2) << check.err;
    EXPECT_THAT(check.err, HasSubstr("is not a regular file (a FIFO)"));
}

TEST(NotARegularFile, AnEnvFileThatIsADeviceIsExitTwo) {
    ScratchFolder folder("meshtest-signals-budgets");
    folder.write("docker-compose.yaml", "services:\n  s0: {image: example/app}\n");
    folder.write("mesh.yaml", "version: 1\nproject: meshtest-untrusted\ncompose: {files: [docker-compose.yaml], "
                              "env_file: /dev/zero}\ntiers:\n  app: {network: app}\nservices:\n  s0: {tier: app}\n");
    const Finished check = run_to_end({"check"}, folder.dir().string(), 10s);
    EXPECT_EQ(check.exit_code, 2) << check.err;
    EXPECT_THAT(check.err, HasSubstr("is not a regular file (a character device)"));
}

// compose.files: [/etc/shadow] printed a password hash.
TEST(NotYaml, AComposeFileOfShadowLinesIsRefusedWithoutQuotingThem) {
    ScratchFolder folder("meshtest-signals-budgets");
    folder.write("shadow", "root:$6$SECRETHASHxyz$abc:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n");
    write_contract(folder, "shadow");
    const Finished check = run_to_end({"check"}, folder.dir().string());
    EXPECT_EQ(check.exit_code, 2) << check.err;
    EXPECT_THAT(check.err, HasSubstr("shadow:1"));
    EXPECT_THAT(check.err, Not(HasSubstr("SECRETHASH")));
}

TEST(NotYaml, AContractOfShadowLinesIsRefusedWithoutQuotingThem) {
    ScratchFolder folder("meshtest-signals-budgets");
    folder.write("shadow", "root:$6$SECRETHASHxyz$abc:19000:0:99999:7:::\n");
    const Finished check = run_to_end({"-c", "shadow", "check"}, folder.dir().string());
    EXPECT_EQ(check.exit_code, 2) << check.err;
    EXPECT_THAT(check.err, HasSubstr("shadow:1"));
    EXPECT_THAT(check.err, Not(HasSubstr("SECRETHASH")));
}

TEST(NotYaml, ASyntaxErrorNamesLineAndColumnButNoText) {
    ScratchFolder folder("meshtest-signals-budgets");
    folder.write("docker-compose.yaml", "services:\n  s0: {image: SECRETTEXT\n  bad: [\n");
    write_contract(folder, "docker-compose.yaml");
    const Finished check = run_to_end({"check"}, folder.dir().string());
    EXPECT_EQ(check.exit_code, 2) << check.err;
    EXPECT_THAT(check.err, HasSubstr("YAML syntax error at column"));
    EXPECT_THAT(check.err, Not(HasSubstr("SECRETTEXT")));
}
