// Against the real compose and engine. Without them these tests fail: a runner that was
// never run is not a tested runner.
#include "compose/compose_runner.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>

#include "rendered_compose.h"
#include "composefile/compose_loader.h"
#include "compose/standin.h"
#include "core/errors.h"
#include "test_support.h"

namespace meshprobe {
namespace {

using testing::run_tool;

// The sleeper (a static program that waits for SIGTERM) stored as /probe, so the image can
// also stand in for the probe image in a stand-in stack.
constexpr const char* kImage = "meshprobe-test/sleeper:1";

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> result;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) result.push_back(line);
    }
    return result;
}

class ComposeRunnerTest : public ::testing::Test {
protected:
    static void TearDownTestSuite() { run_tool("docker", {"image", "rm", "-f", kImage}); }

    void SetUp() override {
        if (run_tool("docker", {"image", "inspect", kImage}).ok()) return;
        std::filesystem::copy_file(SLEEPER_BINARY, folder.dir() / "probe");
        const std::string tar = (folder.dir() / "image.tar").string();
        const ChildResult packed = run_tool("tar", {"-C", folder.dir().string(), "-cf", tar, "probe"});
        ASSERT_TRUE(packed.ok()) << packed.combined();
        const ChildResult imported =
            run_tool("docker", {"import", "-c", "ENTRYPOINT [\"/probe\"]", tar, kImage});
        ASSERT_TRUE(imported.ok()) << "cannot import the test image (is the engine running?): "
                                   << imported.combined();
    }

    // Removes whatever the test brought up, with the files the test ended with.
    void TearDown() override {
        if (up_called) ComposeRunner(compose_project()).down();
    }

    ComposeProject compose_project() const { return {project, files, folder.dir().string(), env_file.empty() ? std::vector<std::string>{} : std::vector<std::string>{env_file}, profiles, {}}; }

    ComposeRunner& runner(ComposeRunnerOptions options = {}) {
        if (!runner_) runner_.emplace(compose_project(), std::move(options));
        return *runner_;
    }

    std::vector<std::string> project_containers(const std::string& flag = "-q") {
        return lines(run_tool("docker", {"ps", flag, "--filter", "label=com.docker.compose.project=" + project}).out);
    }

    std::vector<std::string> project_networks() {
        return lines(run_tool("docker", {"network", "ls", "-q", "--filter",
                                         "label=com.docker.compose.project=" + project}).out);
    }

    testing::ScratchFolder folder;
    std::string project = "mpcomposetest" + std::to_string(::getpid());
    std::vector<std::string> files;
    std::string env_file;
    std::vector<std::string> profiles;
    bool up_called = false;

private:
    std::optional<ComposeRunner> runner_;
};

const char* kSleeperApp = R"(version: "3.8"
services:
  app:
    image: meshprobe-test/sleeper:1
    networks: [back]
networks:
  back:
    internal: true
)";

TEST_F(ComposeRunnerTest, FlavourNamesTheComposeGenerationAndVersion) {
    EXPECT_TRUE(std::regex_match(runner().flavour(), std::regex(R"(v[12] \d+\.\d+.*)"))) << runner().flavour();
}

TEST_F(ComposeRunnerTest, DetectionFailsWhenNoComposeIsOnThePath) {
    try {
        detect_compose_binary({folder.dir().string()});
        FAIL() << "no error";
    } catch (const InfraError& e) {
        EXPECT_NE(std::string(e.what()).find("neither `docker compose` nor `docker-compose` found"),
                  std::string::npos);
    }
}

TEST_F(ComposeRunnerTest, ConfigReturnsTheRenderedConfiguration) {
    files = {folder.write("docker-compose.yml", kSleeperApp)};
    const StackModel model = meshprobe::testing::load_rendered(runner().config());
    ASSERT_NE(model.find_service("app"), nullptr);
    ASSERT_NE(model.find_network("back"), nullptr);
    EXPECT_TRUE(model.find_network("back")->internal);
}

TEST_F(ComposeRunnerTest, ConfigMergesTheFilesInOrder) {
    files = {folder.write("a.yml", kSleeperApp),
             folder.write("b.yml", "version: \"3.8\"\nservices:\n  app:\n    hostname: from-b\n")};
    const StackModel model = meshprobe::testing::load_rendered(runner().config());
    EXPECT_EQ(model.find_service("app")->hostname, "from-b");
}

TEST_F(ComposeRunnerTest, ConfigInterpolatesFromTheEnvFile) {
    files = {folder.write("docker-compose.yml",
                       "version: \"3.8\"\nservices:\n  app:\n    image: meshprobe-test/sleeper:1\n"
                       "    hostname: ${APP_HOST}\n")};
    env_file = folder.write("test.env", "APP_HOST=from-env-file\n");
    EXPECT_EQ(meshprobe::testing::load_rendered(runner().config()).find_service("app")->hostname, "from-env-file");
}

TEST_F(ComposeRunnerTest, ConfigResolvesRelativePathsFromTheProjectDirectory) {
    files = {folder.write("docker-compose.yml",
                       "version: \"3.8\"\nservices:\n  app:\n    image: x\n    volumes: [\"./data:/data\"]\n")};
    const StackModel model = meshprobe::testing::load_rendered(runner().config());
    EXPECT_EQ(model.find_service("app")->volumes, std::vector<std::string>{(folder.dir() / "data").string()});
}

TEST_F(ComposeRunnerTest, RejectedFilesAreAnInputErrorWithComposesMessage) {
    files = {folder.write("docker-compose.yml", "version: \"3.8\"\nservices:\n  app:\n    imagee: x\n")};
    try {
        runner().config();
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("imagee"), std::string::npos) << e.what();
    }
}

TEST_F(ComposeRunnerTest, UpStartsTheStackAndDownRemovesIt) {
    files = {folder.write("docker-compose.yml", kSleeperApp)};
    up_called = true;
    runner().up();
    EXPECT_EQ(project_containers().size(), 1u);
    EXPECT_EQ(project_networks().size(), 1u);
    runner().down();
    EXPECT_TRUE(project_containers("-aq").empty());
    EXPECT_TRUE(project_networks().empty());
}

TEST_F(ComposeRunnerTest, StandinStackStartsWithTheProbeImage) {
    files = {folder.write("app.yml", R"(version: "3.8"
services:
  api:
    image: example/api:never-pulled
    build: ./api
    env_file: ./missing.env
    volumes: ["./src:/src"]
    ports: ["127.0.0.1::80"]
    networks:
      back:
        aliases: [api.internal]
  sidecar:
    image: example/sidecar:never-pulled
    network_mode: service:api
networks:
  back:
    internal: true
)")};
    // Neither the build folder, the env_file nor the volume's folder exists: stand-ins need none.
    ComposeInputs inputs;
    inputs.files = files;
    const StackModel model = load_compose(inputs);

    StandinOptions options{kImage, {{"api", {80}}}, {{"meshprobe.test", project}}};
    files = {folder.write("standin.yml", render_standin_compose(model, options))};
    ComposeRunner standin_runner(compose_project());
    up_called = true;
    standin_runner.up();
    EXPECT_EQ(project_containers().size(), 2u);
    const ChildResult inspected = run_tool(
        "docker", {"ps", "--format", "{{.Label \"meshprobe.test\"}}", "--filter", "label=com.docker.compose.project=" + project});
    EXPECT_EQ(lines(inspected.out), (std::vector<std::string>{project, project}));
    standin_runner.down();
    EXPECT_TRUE(project_containers("-aq").empty());
}

TEST_F(ComposeRunnerTest, FailedUpIsAnInfraErrorWithComposesOutput) {
    files = {folder.write("docker-compose.yml", R"(version: "3.8"
services:
  app:
    image: meshprobe-test/sleeper:1
    network_mode: "container:meshprobe-no-such-container"
)")};
    up_called = true;
    try {
        runner().up();
        FAIL() << "no error";
    } catch (const InfraError& e) {
        EXPECT_NE(e.detail().find("meshprobe-no-such-container"), std::string::npos) << e.detail();
    }
}

TEST_F(ComposeRunnerTest, UpStopsWhenCancelled) {
    files = {folder.write("docker-compose.yml", kSleeperApp)};
    std::atomic<bool> cancel{true};
    ComposeRunnerOptions options;
    options.cancel = &cancel;
    up_called = true;
    try {
        runner(options).up();
        FAIL() << "no error";
    } catch (const InfraError& e) {
        EXPECT_NE(std::string(e.what()).find("cancelled"), std::string::npos) << e.what();
    }
}

TEST_F(ComposeRunnerTest, DownReturnsWhatFailedInsteadOfThrowing) {
    files = {(folder.dir() / "absent.yml").string()};
    std::string failed;
    EXPECT_NO_THROW(failed = runner().down());
    EXPECT_NE(failed.find("compose down for project " + project + " failed"), std::string::npos) << failed;
}

TEST_F(ComposeRunnerTest, CommandLineNamesTheFlavourProjectAndEveryFile) {
    files = {folder.write("docker-compose.yml", kSleeperApp), folder.write("override.yml", kSleeperApp)};
    std::string line = runner().command_line({"down", "-v"});
    EXPECT_NE(line.find(" -p " + project), std::string::npos) << line;
    for (const std::string& file : files) EXPECT_NE(line.find(" -f " + file), std::string::npos) << line;
    EXPECT_NE(line.find(" down -v"), std::string::npos) << line;
}

}  // namespace
}  // namespace meshprobe
