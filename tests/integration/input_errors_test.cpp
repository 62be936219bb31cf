#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include <unistd.h>

#include "meshprobe_cli.h"
#include "scratch_folder.h"

using namespace meshtest;

namespace {

const std::string kReference = std::string(SOURCE_DIR) + "/fixtures/devonboarder/mesh.yaml";

// Each bad contract says on its first line where and how it must be refused:
// "# expect: <line> <phrase>".
struct BadContract {
    std::string folder;
    int line = 0;
    std::string phrase;
};

std::vector<BadContract> bad_contracts() {
    std::vector<BadContract> out;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(SOURCE_DIR) + "/fixtures/bad-contracts")) {
        if (!entry.is_directory()) continue;
        std::ifstream in(entry.path() / "mesh.yaml");
        std::string first;
        std::getline(in, first);
        std::smatch m;
        if (std::regex_match(first, m, std::regex(R"(# expect: (\d+) (.+))"))) {
            out.push_back({entry.path().filename(), std::stoi(m[1]), m[2]});
        }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.folder < b.folder; });
    return out;
}

class BadContractTest : public ::testing::TestWithParam<std::size_t> {};

}  // namespace

TEST(BadContracts, AreAllFound) { EXPECT_GE(bad_contracts().size(), 6u); }

TEST_P(BadContractTest, IsRefusedWithExitTwoAndFileLine) {
    BadContract bad = bad_contracts()[GetParam()];
    std::string dir = std::string(SOURCE_DIR) + "/fixtures/bad-contracts/" + bad.folder;
    Outcome outcome = run_meshprobe({"-c", "mesh.yaml", "run", "--standin"}, dir);
    EXPECT_EQ(outcome.exit_code, 2) << outcome.err;
    EXPECT_NE(outcome.err.find("mesh.yaml:" + std::to_string(bad.line) + ":"), std::string::npos) << outcome.err;
    EXPECT_NE(outcome.err.find(bad.phrase), std::string::npos) << outcome.err;
    EXPECT_EQ(outcome.err.find("terminate"), std::string::npos) << outcome.err;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadContractTest, ::testing::Range<std::size_t>(0, bad_contracts().size()),
                         [](const auto& test) {
                             std::string name = bad_contracts()[test.param].folder;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(BadFlags, UnknownSuiteIsAnInputError) {
    Outcome outcome = run_meshprobe({"-c", kReference, "run", "--suite", "latency"});
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_NE(outcome.err.find("--suite latency"), std::string::npos) << outcome.err;
}

TEST(BadFlags, AnOrchestratorOtherThanComposeIsAnInputErrorBeforeAnythingStarts) {
    Outcome outcome = run_meshprobe({"-c", kReference, "--orchestrator", "swarm", "run", "--standin"});
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_THAT(outcome.err, ::testing::HasSubstr("--orchestrator swarm: not supported yet"));
}

TEST(BadFlags, UnknownCommandIsAnInputError) {
    Outcome outcome = run_meshprobe({"frobnicate"});
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_NE(outcome.err.find("frobnicate"), std::string::npos) << outcome.err;
}

TEST(BadFlags, NonNumericWaitIsAnInputError) {
    EXPECT_EQ(run_meshprobe({"run", "--wait", "soon"}).exit_code, 2);
}

TEST(BadFlags, MissingCommandIsAnInputError) { EXPECT_EQ(run_meshprobe({"-q"}).exit_code, 2); }

TEST(BadInput, MissingContractIsAnInputError) {
    Outcome outcome = run_meshprobe({"-c", "/nonexistent/mesh.yaml", "run"});
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_NE(outcome.err.find("/nonexistent/mesh.yaml"), std::string::npos) << outcome.err;
}

// `check` needs no Docker: these reach the loaders through the real binary.
TEST(BadInput, FifoContractIsRefusedByCheckWithoutWaitingForAWriter) {
    meshprobe::testing::ScratchFolder folder;
    ASSERT_EQ(::mkfifo(folder.path("mesh.yaml").c_str(), 0600), 0);
    Outcome outcome = run_meshprobe({"-c", "mesh.yaml", "check"}, folder.dir().string());
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_NE(outcome.err.find("mesh.yaml: contract file is not a regular file (a FIFO)"), std::string::npos) << outcome.err;
}

TEST(BadInput, EmptyContractPathSaysNoContractFileWasGiven) {
    Outcome outcome = run_meshprobe({"-c", "", "check"});
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_NE(outcome.err.find("no contract file given (empty path)"), std::string::npos) << outcome.err;
}

TEST(BadInput, NestingAHundredThousandDeepIsRefusedByCheck) {
    meshprobe::testing::ScratchFolder folder;
    folder.write("mesh.yaml", "version: 1\nx-deep: " + std::string(100'000, '[') + std::string(100'000, ']') + "\n");
    Outcome outcome = run_meshprobe({"-c", "mesh.yaml", "check"}, folder.dir().string());
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_NE(outcome.err.find("mesh.yaml:2: nesting deeper than 256 levels"), std::string::npos) << outcome.err;
}

TEST(BadInput, UnknownEnvironmentIsAnInputError) {
    Outcome outcome = run_meshprobe({"-c", kReference, "-e", "staging", "run", "--standin"});
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_NE(outcome.err.find("staging"), std::string::npos) << outcome.err;
}

TEST(Infrastructure, NoEngineIsExitThreeWithAPlainMessage) {
    Outcome outcome = run_meshprobe({"--docker-host", "unix:///nonexistent/docker.sock", "-c", kReference, "run", "--standin"});
    EXPECT_EQ(outcome.exit_code, 3);
    EXPECT_NE(outcome.err.find("no Docker engine at /nonexistent/docker.sock"), std::string::npos) << outcome.err;
}

TEST(Version, PrintsTheVersion) {
    Outcome outcome = run_meshprobe({"--version"});
    EXPECT_EQ(outcome.exit_code, 0);
    EXPECT_NE(outcome.out.find("meshprobe 0."), std::string::npos) << outcome.out;
}

TEST(BadFlags, AStrayArgumentIsRefusedBeforeAnythingStarts) {
    Outcome outcome = run_meshprobe({"-c", kReference, "run", "--standin", "extra"});
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_NE(outcome.err.find("unexpected argument 'extra'"), std::string::npos) << outcome.err;
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}

TEST(BadFlags, StandinWithNoUpIsAContradiction) {
    Outcome outcome = run_meshprobe({"-c", kReference, "run", "--standin", "--no-up"});
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_NE(outcome.err.find("--standin and --no-up"), std::string::npos) << outcome.err;
}

TEST(BadFlags, AReportPathThatIsAFolderIsRefusedBeforeTheRun) {
    Outcome outcome = run_meshprobe({"-c", kReference, "run", "--standin", "--junit", "/tmp"});
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_NE(outcome.err.find("--junit /tmp: not a regular file"), std::string::npos) << outcome.err;
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}

TEST(BadFlags, AnEgressTargetWithoutAPortIsRefused) {
    Outcome outcome = run_meshprobe({"-c", kReference, "run", "--standin", "--egress-target", "bad"});
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_NE(outcome.err.find("--egress-target bad: give host:port"), std::string::npos) << outcome.err;
}

TEST(BadFlags, AnEgressTargetThatIsABareWordIsRefused) {
    Outcome outcome = run_meshprobe({"-c", kReference, "run", "--standin", "--egress-target", "bad:80"});
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_NE(outcome.err.find("neither an IPv4 address nor a fully qualified name"), std::string::npos) << outcome.err;
}

namespace {

// A contract and a compose file of the test's own, in a folder removed afterwards.
class OwnStack : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("meshtest-own-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
        std::ofstream(dir_ / "mesh.yaml") << "version: 1\nproject: meshtest-own\ncompose: {files: [docker-compose.yaml]}\n"
                                             "tiers:\n  app: {network: app}\nservices:\n  web: {tier: app, ports: [80]}\n";
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    void compose(const std::string& text) { std::ofstream(dir_ / "docker-compose.yaml") << text; }
    Outcome run() { return run_meshprobe({"-c", (dir_ / "mesh.yaml").string(), "run", "--standin"}); }

    std::filesystem::path dir_;
};

}  // namespace

TEST_F(OwnStack, AnUndefinedNetworkInComposeIsAnInputErrorWithFileAndLine) {
    compose("services:\n  web:\n    image: example/web\n    networks: [app, nope]\nnetworks:\n  app: {}\n");
    Outcome outcome = run();
    EXPECT_EQ(outcome.exit_code, 2) << outcome.err;
    EXPECT_NE(outcome.err.find("docker-compose.yaml:4"), std::string::npos) << outcome.err;
    EXPECT_NE(outcome.err.find("nope"), std::string::npos) << outcome.err;
    EXPECT_EQ(leftovers("meshtest-own"), std::vector<std::string>{});
}

TEST_F(OwnStack, ADuplicateServiceKeyIsRefusedByRunAsByCheck) {
    compose("services:\n  web:\n    image: example/web\n    networks: [app]\n  web:\n    image: example/other\n"
            "networks:\n  app: {}\n");
    Outcome outcome = run();
    EXPECT_EQ(outcome.exit_code, 2) << outcome.err;
    EXPECT_NE(outcome.err.find("docker-compose.yaml:5"), std::string::npos) << outcome.err;
    EXPECT_EQ(outcome.err.find("Traceback"), std::string::npos) << outcome.err;
}
