// `meshprobe init --metadata DIR`, run as the command runs, on compose files in a scratch folder.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/init_command.h"
#include "core/errors.h"
#include "init/contract_inference.h"
#include "init/contract_writer.h"
#include "init/metadata_writer.h"
#include "rules/check_run.h"
#include "project/model_source.h"
#include "scratch_folder.h"

using namespace meshprobe;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

namespace fs = std::filesystem;

namespace {

// Two tiers, a flow on a named port, flows from depends_on, a published port and a healthcheck.
const char* kCompose = R"(services:
  web:
    image: example/web
    ports: ["8080:80"]
    depends_on: [api]
    healthcheck: {test: ["CMD", "curl", "-f", "http://localhost:80/health"]}
    networks: [front]
  api:
    image: example/api
    expose: [8001]
    environment: {DATABASE_URL: "postgres://app@db:5432/app"}
    depends_on: [db, cache]
    networks: [front, back]
  db: {image: "postgres:16", networks: [back]}
  cache: {image: "redis:7", networks: [back]}
networks: {front: {}, back: {internal: true}}
)";

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

class InitMetadata : public ::testing::Test {
protected:
    meshprobe::testing::ScratchFolder folder{"init-metadata-test"};
    InitOptions options;
    GlobalOptions global;

    void SetUp() override {
        global.quiet = true;
        global.compose.files = {folder.write("app/compose.yaml", kCompose)};
        options.output = folder.path("app/mesh.yaml");
        options.metadata = folder.path("app/services");
    }

    int init() { return init_command(global, options); }

    fs::path metadata(const std::string& service) const { return fs::path(options.metadata) / (service + ".yaml"); }

    // Every entry under the scratch folder, to see that a refused init left nothing behind.
    std::vector<std::string> entries() const {
        std::vector<std::string> out;
        for (const auto& entry : fs::recursive_directory_iterator(folder.dir()))
            out.push_back(fs::relative(entry.path(), folder.dir()).string());
        std::sort(out.begin(), out.end());
        return out;
    }
};

// The rule and severity of each finding of `check` on the contract, sorted.
std::vector<std::string> rule_ids(const std::string& contract) {
    const ContractEnvironment env = load_contract_environment(contract, "");
    std::vector<std::string> out;
    for (const Finding& f : check_environment(env.contract, env.model, "base"))
        out.push_back(f.rule + " " + to_string(f.severity));
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_F(InitMetadata, WritesAFilePerServiceWithItsTierPortsAndDependencies) {
    ASSERT_EQ(init(), 0);
    for (const char* service : {"web", "api", "db", "cache"}) EXPECT_TRUE(fs::is_regular_file(metadata(service))) << service;
    const std::string api = read(metadata("api"));
    EXPECT_THAT(api, HasSubstr("service_name: api\n"));
    EXPECT_THAT(api, HasSubstr("tier: front  # tier of its first network; also on back\n"));
    EXPECT_THAT(api, HasSubstr("dependencies:  # each a flow from api on every port of the dependency\n  - cache  # depends_on cache\n"));
    EXPECT_THAT(api, HasSubstr("exposed_ports: [8001]"));
    const std::string db = read(metadata("db"));
    EXPECT_THAT(db, HasSubstr("role: database  # what image postgres is\n"));
    EXPECT_THAT(db, HasSubstr("exposed_ports: [5432]  # port 5432: the well-known port of image postgres\n"));
}

TEST_F(InitMetadata, AHealthcheckUrlBecomesAnInternalEndpointUnderTheServiceName) {
    ASSERT_EQ(init(), 0);
    EXPECT_THAT(read(metadata("web")), HasSubstr("internal_endpoints:\n  - \"http://web:80/health\"  # what its healthcheck"));
}

TEST_F(InitMetadata, AFlowOnANamedPortStaysInTheContractAndTheMetadataSaysSo) {
    ASSERT_EQ(init(), 0);
    EXPECT_THAT(read(options.output), HasSubstr("- {from: api, to: db, ports: [5432]}"));
    EXPECT_THAT(read(options.output), Not(HasSubstr("to: cache")));
    const std::string api = read(metadata("api"));
    EXPECT_THAT(api, HasSubstr("#   to db on 5432 (names db:5432)\n"));
    EXPECT_THAT(api, Not(HasSubstr("  - db")));
}

TEST_F(InitMetadata, TheContractNamesTheMetadataFolderRelativeToItselfAndKeepsPublish) {
    ASSERT_EQ(init(), 0);
    const std::string contract = read(options.output);
    EXPECT_THAT(contract, HasSubstr("\nmetadata: services  # one file per service"));
    EXPECT_THAT(contract, HasSubstr("\n  web: {publish: [\"8080/tcp\"]}  # publish: what compose publishes now\n"));
    EXPECT_THAT(contract, Not(HasSubstr("tier: front")));
}

TEST_F(InitMetadata, CheckFindsTheSameRulesAsTheContractWithoutMetadata) {
    ASSERT_EQ(init(), 0);
    InitOptions plain = options;
    plain.metadata.clear();
    plain.output = folder.path("plain/mesh.yaml");
    fs::create_directories(folder.path("plain"));
    ASSERT_EQ(init_command(global, plain), 0);
    const std::vector<std::string> with_metadata = rule_ids(options.output);
    EXPECT_FALSE(with_metadata.empty());
    EXPECT_EQ(with_metadata, rule_ids(plain.output));
}

TEST_F(InitMetadata, AnExistingMetadataFileWithoutForceIsRefusedAndNothingIsWritten) {
    folder.write("app/services/db.yaml", "service_name: db\n");
    const std::vector<std::string> before = entries();
    try {
        init();
        FAIL() << "init overwrote db.yaml";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("db.yaml exists: meshprobe init never overwrites a metadata file without --force"));
    }
    EXPECT_EQ(entries(), before);
    EXPECT_EQ(read(metadata("db")), "service_name: db\n");
}

TEST_F(InitMetadata, ForceOverwritesAnExistingMetadataFile) {
    folder.write("app/services/db.yaml", "service_name: db\n");
    options.force = true;
    ASSERT_EQ(init(), 0);
    EXPECT_THAT(read(metadata("db")), HasSubstr("role: database"));
}

TEST_F(InitMetadata, AMetadataFolderThatDoesNotLoadLeavesNothingWritten) {
    // A file of someone else's in the folder, which the loader reads and refuses.
    folder.write("app/services/other.yaml", "service_name: not-other\n");
    const std::vector<std::string> before = entries();
    try {
        init();
        FAIL() << "init wrote a contract whose metadata does not load";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("does not match the file name 'other.yaml'"));
    }
    EXPECT_EQ(entries(), before);
}

TEST_F(InitMetadata, AMissingFolderIsCreatedWithItsParents) {
    options.metadata = folder.path("app/meta/services");
    ASSERT_EQ(init(), 0);
    EXPECT_TRUE(fs::is_regular_file(metadata("db")));
    EXPECT_THAT(read(options.output), HasSubstr("\nmetadata: meta/services  #"));
    EXPECT_FALSE(fs::exists(fs::path(options.metadata) / ".meshprobe-init"));
}

TEST_F(InitMetadata, TheContractsOwnFolderIsRefusedAsTheMetadataFolder) {
    options.metadata = folder.path("app");
    try {
        init();
        FAIL() << "init used the contract's folder for metadata";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("is the contract's own folder"));
    }
    EXPECT_FALSE(fs::exists(options.output));
}

TEST_F(InitMetadata, TheWrittenFilesAreTheSameBytesEachTime) {
    ASSERT_EQ(init(), 0);
    const std::string contract = read(options.output);
    const std::string api = read(metadata("api"));
    options.force = true;
    ASSERT_EQ(init(), 0);
    EXPECT_EQ(read(options.output), contract);
    EXPECT_EQ(read(metadata("api")), api);
}

namespace {

GlobalOptions quiet() {
    GlobalOptions global;
    global.quiet = true;
    return global;
}

// `meshprobe -q init -f compose.yaml` (with compose's other flags in `global`) on one compose
// file in a scratch folder; the contract it wrote.
std::string init_contract(const meshprobe::testing::ScratchFolder& folder, const std::string& compose,
                          GlobalOptions global = quiet()) {
    InitOptions options;
    options.output = folder.path("folder-name/mesh.yaml");
    global.compose.files = {folder.write("folder-name/compose.yaml", compose)};
    EXPECT_EQ(init_command(global, options), 0);
    return read(options.output);
}

}  // namespace

TEST(InitProject, TheProjectIsTheComposeFilesTopLevelName) {
    meshprobe::testing::ScratchFolder folder{"init-project-test"};
    EXPECT_THAT(init_contract(folder, "name: sentry-self-hosted\nservices:\n  a: {image: x}\n"),
                HasSubstr("project: sentry-self-hosted\n"));
}

TEST(InitProject, WithoutANameTheProjectIsTheFolder) {
    meshprobe::testing::ScratchFolder folder{"init-project-test"};
    EXPECT_THAT(init_contract(folder, "services:\n  a: {image: x}\n"), HasSubstr("project: folder-name\n"));
}

TEST(InitPresentProblems, ARandomHostPortIsListedAtTheEndOfTheContract) {
    meshprobe::testing::ScratchFolder folder{"init-problems-test"};
    const std::string text = init_contract(folder, "services:\n  db: {image: \"postgres:16\", ports: [\"5432\"]}\n");
    EXPECT_THAT(text, HasSubstr("# init found 1 present problem"));
    EXPECT_THAT(text, HasSubstr("compose.yaml:2 MESH"));
}

namespace {

const char* kProfiled = R"(services:
  app: {image: x}
  debug: {image: x, profiles: [debug]}
  extra: {image: x, profiles: [extra]}
)";

}  // namespace

TEST(InitProfiles, ComposeProfilesInDotEnvWritesTheServicesOfThatProfile) {
    meshprobe::testing::ScratchFolder folder{"init-profiles-test"};
    folder.write("folder-name/.env", "COMPOSE_PROFILES=debug\n");
    const std::string text = init_contract(folder, kProfiled);
    EXPECT_THAT(text, HasSubstr("\n  debug:"));
    EXPECT_THAT(text, Not(HasSubstr("\n  extra:")));
}

TEST(InitProfiles, AServiceOfAnInactiveProfileIsNamedInTheNotes) {
    meshprobe::testing::ScratchFolder folder{"init-profiles-test"};
    EXPECT_THAT(init_contract(folder, kProfiled), HasSubstr("service extra (profile extra) is not written"));
}

TEST(InitProfiles, WithoutAnActiveProfileOnlyTheServicesOfNoProfileAreWritten) {
    meshprobe::testing::ScratchFolder folder{"init-profiles-test"};
    const std::string text = init_contract(folder, kProfiled);
    EXPECT_THAT(text, HasSubstr("\n  app:"));
    EXPECT_THAT(text, Not(HasSubstr("\n  debug:")));
}

TEST(InitProfiles, TheProfileFlagWinsOverComposeProfilesAndIsNamedForCheck) {
    meshprobe::testing::ScratchFolder folder{"init-profiles-test"};
    folder.write("folder-name/.env", "COMPOSE_PROFILES=debug\n");
    GlobalOptions global = quiet();
    global.compose.profiles = {"extra"};
    const std::string text = init_contract(folder, kProfiled, global);
    EXPECT_THAT(text, HasSubstr("\n  extra:"));
    EXPECT_THAT(text, Not(HasSubstr("\n  debug:")));
    EXPECT_THAT(text, HasSubstr("written with --profile extra: give `check` the same"));
}

TEST(InitProject, ComposeProjectNameInDotEnvWinsOverTheTopLevelName) {
    meshprobe::testing::ScratchFolder folder{"init-project-test"};
    folder.write("folder-name/.env", "COMPOSE_PROJECT_NAME=from-env\n");
    EXPECT_THAT(init_contract(folder, "name: from-name\nservices:\n  a: {image: x}\n"), HasSubstr("project: from-env\n"));
}

TEST(InitProject, TheProjectNameFlagWinsOverComposeProjectName) {
    meshprobe::testing::ScratchFolder folder{"init-project-test"};
    folder.write("folder-name/.env", "COMPOSE_PROJECT_NAME=from-env\n");
    GlobalOptions global = quiet();
    global.compose.project_name = "From_Flag";
    EXPECT_THAT(init_contract(folder, "name: from-name\nservices:\n  a: {image: x}\n", global),
                HasSubstr("project: from_flag\n"));
}

TEST(InitProject, TheTopLevelNameIsInterpolatedFromDotEnv) {
    meshprobe::testing::ScratchFolder folder{"init-project-test"};
    folder.write("folder-name/.env", "STACK=billing\n");
    EXPECT_THAT(init_contract(folder, "name: ${STACK}-prod\nservices:\n  a: {image: x}\n"),
                HasSubstr("project: billing-prod\n"));
}

TEST(InitProfiles, ThePresentProblemsAreFoundUnderTheSameFlags) {
    meshprobe::testing::ScratchFolder folder{"init-profiles-test"};
    folder.write("folder-name/.env", "COMPOSE_PROFILES=debug\n");
    GlobalOptions global = quiet();
    global.compose.profiles = {"extra"};
    EXPECT_THAT(init_contract(folder, kProfiled, global), Not(HasSubstr("init found")));
}
