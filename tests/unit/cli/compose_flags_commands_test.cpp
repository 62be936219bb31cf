// Compose's own flags (-f, -p, --profile, ...) on the commands that read compose files besides
// check: the built binary, run on projects in a scratch folder, no Docker needed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compose/child_process.h"
#include "scratch_folder.h"

using ::testing::HasSubstr;

namespace {

const char* const kContract = "version: 1\ntiers: {t: {network: default}}\nservices: {db: {tier: t, ports: [5432]}}\n";
const char* const kQuiet = "services:\n  db: {image: \"postgres:16\"}\n";
const char* const kPublished = "services:\n  db: {image: \"postgres:16\", ports: [\"5432:5432\"]}\n";

meshprobe::ChildResult run_in(const std::string& cwd, const std::string& program, const std::vector<std::string>& args) {
    std::vector<std::string> shell_args{"-c", "cd \"$0\" && exec \"$@\"", cwd, program};
    shell_args.insert(shell_args.end(), args.begin(), args.end());
    return meshprobe::run_child({"/bin/sh", shell_args, std::chrono::milliseconds(60'000), nullptr, {}});
}

meshprobe::ChildResult meshprobe_in(const std::string& cwd, const std::vector<std::string>& args) {
    return run_in(cwd, MESHPROBE_BINARY, args);
}

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A git repository whose commit has a contract reading compose.yaml and a prod.yaml override
// that publishes nothing; the work tree's prod.yaml publishes the database on all addresses.
class DiffBaseFlags : public ::testing::Test {
protected:
    meshprobe::testing::ScratchFolder folder{"meshtest-view21-diff"};
    std::string dir() const { return folder.dir().string(); }

    void SetUp() override {
        folder.write("mesh.yaml", std::string(kContract) + "compose: {files: [compose.yaml]}\n");
        folder.write("compose.yaml", kQuiet);
        folder.write("prod.yaml", kQuiet);
        for (const std::vector<std::string>& args :
             {std::vector<std::string>{"init", "-q"}, {"add", "."},
              {"-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base"}}) {
            const auto result = run_in(dir(), "git", args);
            ASSERT_TRUE(result.ok()) << result.combined();
        }
        folder.write("prod.yaml", kPublished);
    }
};

}  // namespace

TEST_F(DiffBaseFlags, TheFileFlagsAreReadOnBothSidesTheBaseFromTheRevision) {
    const auto result = meshprobe_in(dir(), {"diff", "--base", "HEAD", "-f", "compose.yaml", "-f", "prod.yaml"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_THAT(result.out, HasSubstr("published"));
}

TEST_F(DiffBaseFlags, WithoutTheFlagsTheContractsFilesAloneShowNoChange) {
    const auto result = meshprobe_in(dir(), {"diff", "--base", "HEAD"});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

TEST(DiffAgainstFlags, TheFileFlagReplacesTheFilesOfBothContracts) {
    meshprobe::testing::ScratchFolder folder{"meshtest-view21-diff"};
    folder.write("mesh.yaml", std::string(kContract) + "compose: {files: [published.yaml]}\n");
    folder.write("other.yaml", std::string(kContract) + "compose: {files: [compose.yaml]}\n");
    folder.write("compose.yaml", kQuiet);
    folder.write("published.yaml", kPublished);
    const std::string dir = folder.dir().string();
    ASSERT_EQ(meshprobe_in(dir, {"diff", "--against", "other.yaml"}).exit_code, 1);  // the database newly published
    const auto result = meshprobe_in(dir, {"diff", "--against", "other.yaml", "-f", "compose.yaml"});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

TEST(InitFlags, TheProjectNameFlagAfterInitNamesTheProject) {
    meshprobe::testing::ScratchFolder folder{"meshtest-view21-init"};
    folder.write("compose.yaml", "name: from-name\n" + std::string(kQuiet));
    const auto result = meshprobe_in(folder.dir().string(), {"-q", "init", "-p", "billing"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(read(folder.path("mesh.yaml")), HasSubstr("project: billing\n"));
}

TEST(InitFlags, TheProfileFlagAfterInitWritesTheServicesOfThatProfile) {
    meshprobe::testing::ScratchFolder folder{"meshtest-view21-init"};
    folder.write("compose.yaml", std::string(kQuiet) + "  debug: {image: x, profiles: [debug]}\n");
    const auto result = meshprobe_in(folder.dir().string(), {"-q", "init", "--profile", "debug"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(read(folder.path("mesh.yaml")), HasSubstr("\n  debug:"));
}

namespace {

const std::string kExample = std::string(SOURCE_DIR) + "/fixtures/devonboarder";

}  // namespace

TEST(CheckRulesUrl, SarifLinksEachRuleToItsSectionOfTheRulesUrl) {
    const auto result = meshprobe_in(SOURCE_DIR, {"-c", kExample, "check", "--format", "sarif", "--rules-url",
                                                  "https://example.org/docs/rules.md"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto rules = nlohmann::json::parse(result.out)["runs"][0]["tool"]["driver"]["rules"];
    EXPECT_EQ(rules[6]["helpUri"], "https://example.org/docs/rules.md#mesh006");
}

TEST(CheckRulesUrl, ARelativeRulesUrlIsRefused) {
    const auto result = meshprobe_in(SOURCE_DIR, {"-c", kExample, "check", "--format", "sarif", "--rules-url", "docs/rules.md"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.err, HasSubstr("an absolute URL is needed"));
}

TEST(CheckComposeWarnings, AnUnlistedOverrideIsANotificationOfTheJsonReport) {
    meshprobe::testing::ScratchFolder folder{"meshtest-view21-check"};
    folder.write("mesh.yaml", std::string(kContract) + "compose: {files: [docker-compose.yaml]}\n");
    folder.write("docker-compose.yaml", kQuiet);
    folder.write("docker-compose.override.yaml", kPublished);
    const auto result = meshprobe_in(folder.dir().string(), {"check", "--format", "json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto notifications = nlohmann::json::parse(result.out)["notifications"];
    ASSERT_EQ(notifications.size(), 1u) << result.out;
    EXPECT_THAT(notifications[0]["message"].get<std::string>(), HasSubstr("docker-compose.override.yaml"));
    EXPECT_EQ(notifications[0]["location"]["file"], "mesh.yaml");
    EXPECT_THAT(result.err, HasSubstr("warning: compose run in"));  // standard error still says it
}
