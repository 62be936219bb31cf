#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "cli/check_command.h"

namespace meshprobe {
namespace {

namespace fs = std::filesystem;

class CheckCommand : public ::testing::Test {
protected:
    void SetUp() override {
        output_ = (fs::temp_directory_path() / ("meshprobe-check-" + std::to_string(::getpid()) + ".out")).string();
    }
    void TearDown() override { fs::remove(output_); }

    int run(const std::string& contract, const std::string& format = "json", const std::string& environment = "",
            bool all_envs = false) {
        GlobalOptions global;
        global.contract = std::string(FIXTURES_DIR) + "/" + contract;
        global.environment = environment;
        global.quiet = true;
        CheckOptions options;
        options.all_envs = all_envs;
        options.format = format;
        options.output = output_;
        return check_command(global, options);
    }

    std::string written() const {
        std::ifstream file(output_);
        std::stringstream text;
        text << file.rdbuf();
        return text.str();
    }

    std::string output_;
};

TEST_F(CheckCommand, ConformantContractExitsZeroInEveryEnvironment) {
    EXPECT_EQ(run("devonboarder/mesh.yaml", "json", "", true), kExitConformant);
    auto report = nlohmann::json::parse(written());
    EXPECT_EQ(report["environments"], nlohmann::json({"base", "dev", "prod"}));
    EXPECT_EQ(report["summary"]["error"], 0);
}

TEST_F(CheckCommand, OneEnvironmentIsCheckedWhenAsked) {
    EXPECT_EQ(run("devonboarder/mesh.yaml", "json", "prod"), kExitConformant);
    EXPECT_EQ(nlohmann::json::parse(written())["environments"], nlohmann::json({"prod"}));
}

TEST_F(CheckCommand, ContractWithFindingsExitsOneAndWritesTheReport) {
    EXPECT_EQ(run("broken/db-public-port/mesh.yaml", "sarif"), kExitViolations);
    auto sarif = nlohmann::json::parse(written());
    EXPECT_EQ(sarif["runs"][0]["results"][0]["ruleId"], "MESH006");
}

TEST_F(CheckCommand, MissingContractExitsTwo) {
    EXPECT_EQ(run("no/such/mesh.yaml"), kExitInputError);
}

TEST_F(CheckCommand, InvalidContractExitsTwo) {
    EXPECT_EQ(run("bad-contracts/unknown-tier/mesh.yaml"), kExitInputError);
}

TEST_F(CheckCommand, UnknownEnvironmentExitsTwo) {
    EXPECT_EQ(run("devonboarder/mesh.yaml", "json", "staging"), kExitInputError);
}

TEST_F(CheckCommand, UnknownFormatExitsTwoAndWritesNothing) {
    EXPECT_EQ(run("devonboarder/mesh.yaml", "yaml"), kExitInputError);
    EXPECT_FALSE(fs::exists(output_));
}

TEST_F(CheckCommand, StackModelsComeFromTheGivenSource) {
    GlobalOptions global;
    global.contract = std::string(FIXTURES_DIR) + "/rules/MESH004/good/mesh.yaml";
    CheckOptions options;
    options.format = "json";
    options.output = output_;
    std::vector<std::string> asked;
    auto source = [&](const ComposeProject& project) {
        asked.push_back(project.files.back());
        StackModel model;  // the services, on no network: the tier networks are missing
        model.services.resize(2);
        model.services[0].name = "web";
        model.services[1].name = "db";
        return model;
    };
    EXPECT_EQ(check_command(global, options, source), kExitViolations);
    ASSERT_EQ(asked.size(), 1u);
    EXPECT_EQ(fs::path(asked[0]).filename(), "compose.yaml");
}

}  // namespace
}  // namespace meshprobe
