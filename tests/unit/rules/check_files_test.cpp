// check_files reads the compose files on a second thread while it reads the contract: what it
// reports must not show it. Errors keep the precedence of reading one after the other (the
// contract's first, then the environments' in order), and --verbose names the environments
// read up to the one that failed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/errors.h"
#include "rules/check_files.h"

namespace meshprobe {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class CheckFiles : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("meshprobe-check-files-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
        for (const char* file : {"docker-compose.yaml", "dev.yaml", "prod.yaml"}) std::ofstream(dir_ / file) << "services: {}\n";
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string contract(const std::string& tiers) {
        const fs::path path = dir_ / "mesh.yaml";
        std::ofstream(path) << "version: 1\n"
                               "project: demo\n"
                               "compose:\n"
                               "  files: [docker-compose.yaml]\n"
                               "  environments:\n"
                               "    dev: {files: [dev.yaml]}\n"
                               "    prod: {files: [prod.yaml]}\n"
                            << tiers;
        return path.string();
    }

    // A source that fails for the environment whose last file is `failing`, and gives an empty
    // model otherwise.
    static ModelSource failing_for(const std::string& failing) {
        return [failing](const ComposeProject& project) -> StackModel {
            if (fs::path(project.files.back()).filename() == failing) throw InputError("compose of " + failing + " broke");
            return {};
        };
    }

    // What check_files throws, with the progress lines it printed before.
    std::string error_of(const std::string& contract_path, const ModelSource& source, std::vector<std::string>* heard = nullptr) {
        try {
            check_files(contract_path, "", true, source, [&](const std::string& line) {
                if (heard) heard->push_back(line);
            });
        } catch (const InputError& e) {
            return e.what();
        }
        return "no error";
    }

    fs::path dir_;
};

TEST_F(CheckFiles, AContractErrorAfterTheComposeSectionWinsOverAComposeError) {
    const std::string path = contract("tiers: [edge]\n");
    const std::string error = error_of(path, failing_for("docker-compose.yaml"));
    EXPECT_THAT(error, HasSubstr("tiers"));
    EXPECT_THAT(error, Not(HasSubstr("broke")));
}

TEST_F(CheckFiles, TheFirstFailingEnvironmentIsReportedAfterTheProgressUpToIt) {
    const std::string path = contract("tiers:\n  edge: {network: edge_tier}\n");
    std::vector<std::string> heard;
    EXPECT_THAT(error_of(path, failing_for("dev.yaml"), &heard), HasSubstr("compose of dev.yaml broke"));
    EXPECT_THAT(heard, ElementsAre("reading the compose files of environment base",
                                   "reading the compose files of environment dev"));
}

TEST_F(CheckFiles, EveryEnvironmentIsReadInTheContractsOrder) {
    const std::string path = contract("tiers:\n  edge: {network: edge_tier}\n");
    std::vector<std::string> heard;
    const CheckReport report = check_files(path, "", true, failing_for("none.yaml"),
                                           [&](const std::string& line) { heard.push_back(line); });
    EXPECT_THAT(report.environments, ElementsAre("base", "dev", "prod"));
    EXPECT_EQ(heard.size(), 3u);
}

TEST_F(CheckFiles, AnUnknownEnvironmentIsReportedAfterAContractError) {
    const std::string path = contract("tiers: [edge]\n");
    try {
        check_files(path, "staging", false, failing_for("none.yaml"));
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_THAT(std::string(e.what()), HasSubstr("tiers"));
        EXPECT_THAT(std::string(e.what()), Not(HasSubstr("staging")));
    }
}

}  // namespace
}  // namespace meshprobe
