#include "project/compose_view.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "contract/contract_loader.h"
#include "core/errors.h"
#include "scratch_folder.h"

using namespace meshprobe;
using meshprobe::testing::ScratchFolder;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

namespace {

const char* const kService = "services:\n  app: {image: x}\n";

// A project folder with a contract and compose files; the view is resolved from another folder,
// so that relative -f paths are seen to be read from the working folder.
class ComposeViewTest : public ::testing::Test {
protected:
    ScratchFolder folder{"meshtest-compose-view"};

    std::string contract(const std::string& extra = "") {
        return folder.write("app/mesh.yaml", "version: 1\n" + extra + "tiers: {t: {network: default}}\n");
    }
    ComposeView view(const ComposeFlags& flags = {}, const Variables& environment = {}, const std::string& extra = "") {
        return resolve_compose_view(load_contract(contract(extra)), flags, environment, folder.dir().string());
    }
    std::string in_app(const std::string& name) { return (folder.dir() / "app" / name).string(); }
};

}  // namespace

TEST_F(ComposeViewTest, WithoutAnythingComposesDefaultFileAndItsOverrideAreRead) {
    folder.write("app/compose.yaml", kService);
    folder.write("app/compose.override.yaml", kService);
    EXPECT_THAT(view().files, ElementsAre(in_app("compose.yaml"), in_app("compose.override.yaml")));
}

TEST_F(ComposeViewTest, ComposeFileInDotEnvWinsOverTheDefaultNames) {
    folder.write("app/compose.yaml", kService);
    folder.write("app/a.yaml", kService);
    folder.write("app/b.yaml", kService);
    folder.write("app/.env", "COMPOSE_FILE=a.yaml:b.yaml\n");
    const ComposeView v = view();
    EXPECT_THAT(v.files, ElementsAre(in_app("a.yaml"), in_app("b.yaml")));
    EXPECT_THAT(v.files_from, HasSubstr("COMPOSE_FILE in " + in_app(".env")));
}

TEST_F(ComposeViewTest, ComposePathSeparatorSplitsComposeFile) {
    folder.write("app/compose.yaml", kService);
    folder.write("app/a.yaml", kService);
    folder.write("app/b.yaml", kService);
    EXPECT_THAT(view({}, {{"COMPOSE_FILE", "a.yaml;b.yaml"}, {"COMPOSE_PATH_SEPARATOR", ";"}}).files,
                ElementsAre(in_app("a.yaml"), in_app("b.yaml")));
}

TEST_F(ComposeViewTest, TheProcessEnvironmentWinsOverDotEnv) {
    folder.write("app/compose.yaml", kService);
    folder.write("app/.env", "COMPOSE_PROFILES=from-file\n");
    EXPECT_THAT(view({}, {{"COMPOSE_PROFILES", "from-shell"}}).profiles, ElementsAre("from-shell"));
}

TEST_F(ComposeViewTest, FileFlagsWinOverComposeFilesAndAreReadFromTheWorkingFolder) {
    folder.write("app/compose.yaml", kService);
    folder.write("other.yaml", kService);
    ComposeFlags flags;
    flags.files = {"other.yaml"};
    const ComposeView v = view(flags, {{"COMPOSE_FILE", "compose.yaml"}}, "compose: {files: [compose.yaml]}\n");
    EXPECT_THAT(v.files, ElementsAre((folder.dir() / "other.yaml").string()));
    EXPECT_EQ(v.files_from, "-f");
}

TEST_F(ComposeViewTest, AFileFlagThatIsNotThereIsAnInputError) {
    folder.write("app/compose.yaml", kService);
    ComposeFlags flags;
    flags.files = {"missing.yaml"};
    EXPECT_THROW(view(flags), InputError);
}

TEST_F(ComposeViewTest, AnOverrideTheContractDoesNotListIsAWarningNamingIt) {
    folder.write("app/docker-compose.yaml", kService);
    folder.write("app/docker-compose.override.yaml", kService);
    const ComposeView v = view({}, {}, "compose: {files: [docker-compose.yaml]}\n");
    EXPECT_THAT(v.files, ElementsAre(in_app("docker-compose.yaml")));
    ASSERT_EQ(v.warnings.size(), 1u);
    EXPECT_THAT(v.warnings[0].text, HasSubstr(in_app("docker-compose.override.yaml")));
}

TEST_F(ComposeViewTest, AnUnlistedOverrideIsWarnedOfAtTheContractsComposeSection) {
    folder.write("app/docker-compose.yaml", kService);
    folder.write("app/docker-compose.override.yaml", kService);
    const ComposeView v = view({}, {}, "compose: {files: [docker-compose.yaml]}\n");
    ASSERT_EQ(v.warnings.size(), 1u);
    EXPECT_EQ(v.warnings[0].where.file, in_app("mesh.yaml"));
    EXPECT_EQ(v.warnings[0].where.line, 2);
}

TEST_F(ComposeViewTest, AnOverrideListedByAnEnvironmentIsNoWarning) {
    folder.write("app/docker-compose.yaml", kService);
    folder.write("app/docker-compose.override.yaml", kService);
    const ComposeView v = view({}, {},
                               "compose: {files: [docker-compose.yaml], environments: {dev: {files: "
                               "[docker-compose.override.yaml]}}}\n");
    EXPECT_THAT(v.warnings, IsEmpty());
}

TEST_F(ComposeViewTest, ComposeFileNamingFilesTheContractLeavesOutIsAWarning) {
    folder.write("app/compose.yaml", kService);
    folder.write("app/db.yaml", kService);
    const ComposeView v = view({}, {{"COMPOSE_FILE", "compose.yaml:db.yaml"}}, "compose: {files: [compose.yaml]}\n");
    EXPECT_THAT(v.files, ElementsAre(in_app("compose.yaml")));
    ASSERT_EQ(v.warnings.size(), 1u);
    EXPECT_THAT(v.warnings[0].text, HasSubstr(in_app("db.yaml")));
}

TEST_F(ComposeViewTest, ProfileFlagsReplaceComposeProfiles) {
    folder.write("app/compose.yaml", kService);
    folder.write("app/.env", "COMPOSE_PROFILES=a,b\n");
    ComposeFlags flags;
    flags.profiles = {"c"};
    EXPECT_THAT(view(flags).profiles, ElementsAre("c"));
}

TEST_F(ComposeViewTest, ComposeProfilesIsACommaSeparatedList) {
    folder.write("app/compose.yaml", kService);
    folder.write("app/.env", "COMPOSE_PROFILES=feature-complete, extra\n");
    EXPECT_THAT(view().profiles, ElementsAre("feature-complete", "extra"));
}

TEST_F(ComposeViewTest, ComposeProjectNameWinsOverTheFolderName) {
    folder.write("app/compose.yaml", kService);
    folder.write("app/.env", "COMPOSE_PROJECT_NAME=sentry-self-hosted\n");
    EXPECT_EQ(view().project, "sentry-self-hosted");
}

TEST_F(ComposeViewTest, TheContractsProjectWinsOverComposeProjectNameWithAWarning) {
    folder.write("app/compose.yaml", kService);
    folder.write("app/.env", "COMPOSE_PROJECT_NAME=other\n");
    const ComposeView v = view({}, {}, "project: shop\n");
    EXPECT_EQ(v.project, "shop");
    ASSERT_EQ(v.warnings.size(), 1u);
    EXPECT_THAT(v.warnings[0].text, HasSubstr("other"));
}

TEST_F(ComposeViewTest, TheProjectFlagWinsOverEverything) {
    folder.write("app/compose.yaml", kService);
    folder.write("app/.env", "COMPOSE_PROJECT_NAME=other\n");
    ComposeFlags flags;
    flags.project_name = "cli";
    EXPECT_EQ(view(flags, {}, "project: shop\n").project, "cli");
}

TEST_F(ComposeViewTest, EnvFileFlagsReplaceTheContractsEnvFileAndTheLaterWins) {
    folder.write("app/compose.yaml", kService);
    folder.write("app/.env", "COMPOSE_PROFILES=dotenv\n");
    folder.write("one.env", "COMPOSE_PROFILES=one\n");
    folder.write("two.env", "COMPOSE_PROFILES=two\n");
    ComposeFlags flags;
    flags.env_files = {"one.env", "two.env"};
    const ComposeView v = view(flags);
    EXPECT_THAT(v.env_files, ElementsAre((folder.dir() / "one.env").string(), (folder.dir() / "two.env").string()));
    EXPECT_THAT(v.profiles, ElementsAre("two"));
}

TEST_F(ComposeViewTest, ProjectDirectoryGivesTheDefaultFilesAndTheProjectName) {
    folder.write("app/compose.yaml", kService);
    folder.write("elsewhere/docker-compose.yml", kService);
    ComposeFlags flags;
    flags.project_directory = "elsewhere";
    const ComposeView v = view(flags);
    EXPECT_THAT(v.files, ElementsAre((folder.dir() / "elsewhere/docker-compose.yml").string()));
    EXPECT_EQ(v.project, "elsewhere");
}

TEST_F(ComposeViewTest, TheTopLevelNameWinsOverTheFolderName) {
    folder.write("app/compose.yaml", std::string("name: ${APP:-shop}\n") + kService);
    EXPECT_EQ(view().project, "shop");
}

TEST_F(ComposeViewTest, ComposeProjectNameWinsOverTheTopLevelName) {
    folder.write("app/compose.yaml", std::string("name: shop\n") + kService);
    EXPECT_EQ(view({}, {{"COMPOSE_PROJECT_NAME", "other"}}).project, "other");
}

TEST_F(ComposeViewTest, NoComposeFileAnywhereIsAnErrorAtTheContract) {
    try {
        view();
        FAIL() << "no compose file was accepted";
    } catch (const InputError& error) {
        EXPECT_EQ(error.where().file, in_app("mesh.yaml"));
        EXPECT_THAT(error.what(), HasSubstr("no compose file: set compose.files, pass -f or set COMPOSE_FILE"));
    }
}

TEST_F(ComposeViewTest, AFileFlagServesAContractWithNoComposeFileBesideIt) {
    folder.write("elsewhere/stack.yaml", kService);
    ComposeFlags flags;
    flags.files = {"elsewhere/stack.yaml"};
    EXPECT_THAT(view(flags).files, ElementsAre((folder.dir() / "elsewhere" / "stack.yaml").string()));
}

TEST_F(ComposeViewTest, ComposeFileServesAContractWithNoComposeFileBesideIt) {
    folder.write("app/deploy/stack.yaml", kService);
    EXPECT_THAT(view({}, {{"COMPOSE_FILE", "deploy/stack.yaml"}}).files, ElementsAre(in_app("deploy/stack.yaml")));
}
