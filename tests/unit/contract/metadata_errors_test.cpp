// Mistakes in the per-service metadata files (docs/contract.md, metadata files).
#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "contract_test_support.h"

namespace meshprobe {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::ContractFolder;

// The contract: backend in tier api (line 8), db in data (line 9).
const char* const kContract = R"(version: 1
compose: {files: [docker-compose.yaml]}
metadata: meta
tiers:
  api: {network: api_tier}
  data: {network: data_tier}
services:
  backend: {tier: api}
  db: {tier: data}
)";

class MetadataErrors : public ::testing::Test {
protected:
    MetadataErrors() { folder.write("mesh.yaml", kContract); }
    InputError error_for(const std::string& file, const std::string& text) {
        folder.write("meta/" + file, text);
        return testing::load_error_from(folder.path("mesh.yaml"));
    }
    std::string meta(const std::string& file) const { return folder.path("meta/" + file); }

    ContractFolder folder;
};

TEST_F(MetadataErrors, UnknownKeySuggestsTheCloseOne) {
    InputError error = error_for("backend.yaml", "service_name: backend\ndependancies: [db]\n");
    EXPECT_EQ(error.where().file, meta("backend.yaml"));
    EXPECT_EQ(error.where().line, 2);
    EXPECT_THAT(error.what(), HasSubstr("unknown key 'dependancies' at the top level; did you mean "
                                        "'dependencies'?"));
}

TEST_F(MetadataErrors, MissingServiceNameIsAnError) {
    InputError error = error_for("backend.yaml", "tier: api\n");
    EXPECT_EQ(error.where().file, meta("backend.yaml"));
    EXPECT_EQ(error.where().line, 1);
    EXPECT_THAT(error.what(), HasSubstr("missing required key 'service_name'"));
}

TEST_F(MetadataErrors, ServiceNameMustMatchTheFileName) {
    InputError error = error_for("backend.yaml", "# owned by the api team\nservice_name: backnd\n");
    EXPECT_EQ(error.where().line, 2);
    EXPECT_THAT(error.what(), HasSubstr("service_name 'backnd' does not match the file name"));
}

TEST_F(MetadataErrors, TierDisagreeingWithTheContractPointsAtMetadataAndNamesTheContractLine) {
    InputError error = error_for("backend.yaml", "service_name: backend\ntier: data\n");
    EXPECT_EQ(error.where().file, meta("backend.yaml"));
    EXPECT_EQ(error.where().line, 2);
    EXPECT_THAT(error.what(),
                HasSubstr("metadata puts 'backend' in tier 'data', but the contract (" +
                          folder.path("mesh.yaml") + ":8) puts it in tier 'api'"));
}

TEST_F(MetadataErrors, UnknownTierIsAnError) {
    InputError error = error_for("cache.yaml", "service_name: cache\ntier: dta\n");
    EXPECT_EQ(error.where().line, 2);
    EXPECT_THAT(error.what(), HasSubstr("unknown tier 'dta'; did you mean 'data'?"));
}

TEST_F(MetadataErrors, UnknownDependencyPointsAtItsLine) {
    InputError error = error_for(
        "backend.yaml", "service_name: backend\ndependencies:\n  - db\n  - auth-service\n");
    EXPECT_EQ(error.where().file, meta("backend.yaml"));
    EXPECT_EQ(error.where().line, 4);
    EXPECT_THAT(error.what(),
                HasSubstr("dependency 'auth-service' is not a service of the contract or its metadata"));
}

TEST_F(MetadataErrors, DependencyOnAServiceFromAnotherMetadataFileIsFine) {
    folder.write("meta/auth.yaml", "service_name: auth\ntier: api\n");
    folder.write("meta/backend.yaml", "service_name: backend\ndependencies: [auth]\n");
    Contract contract = load_contract(folder.path("mesh.yaml"));
    ASSERT_EQ(contract.flows.size(), 1u);
    EXPECT_THAT(contract.flows[0].from, ElementsAre(FlowSide::service("backend")));
    EXPECT_THAT(contract.flows[0].to, ElementsAre(FlowSide::service("auth")));
}

TEST_F(MetadataErrors, SyntaxErrorPointsAtTheMetadataFile) {
    InputError error = error_for("db.yml", "service_name: db\nexposed_ports: [5432\n");
    EXPECT_EQ(error.where().file, meta("db.yml"));
    EXPECT_EQ(error.where().line, 3);
    EXPECT_THAT(error.what(), HasSubstr("YAML syntax error"));
}

TEST_F(MetadataErrors, EmptyFileIsAnError) {
    InputError error = error_for("db.yaml", "");
    EXPECT_EQ(error.where().file, meta("db.yaml"));
    EXPECT_THAT(error.what(), HasSubstr("metadata file is empty"));
}

TEST_F(MetadataErrors, TwoFilesForOneServiceIsAnError) {
    folder.write("meta/db.yaml", "service_name: db\n");
    InputError error = error_for("db.yml", "\nservice_name: db\n");
    EXPECT_EQ(error.where().file, meta("db.yml"));
    EXPECT_EQ(error.where().line, 2);
    EXPECT_THAT(error.what(),
                HasSubstr("service 'db' already has a metadata file (" + meta("db.yaml") + ":1)"));
}

TEST_F(MetadataErrors, BadExposedPortIsAnError) {
    InputError error = error_for("db.yaml", "service_name: db\nexposed_ports: [postgres]\n");
    EXPECT_EQ(error.where().line, 2);
    EXPECT_THAT(error.what(), HasSubstr("exposed_ports[0] must be a whole number"));
}

TEST_F(MetadataErrors, TagsMustBeAList) {
    InputError error = error_for("db.yaml", "service_name: db\ncodex_agent_tags: sql\n");
    EXPECT_EQ(error.where().line, 2);
    EXPECT_THAT(error.what(), HasSubstr("codex_agent_tags must be a list"));
}

TEST_F(MetadataErrors, ExposedPortsFillPortsTheContractLeavesOut) {
    folder.write("meta/db.yaml", "service_name: db\nexposed_ports: [5432, 5433]\n");
    EXPECT_THAT(load_contract(folder.path("mesh.yaml")).find_service("db")->ports,
                ElementsAre(5432, 5433));
}

TEST_F(MetadataErrors, OtherFilesInTheFolderAreIgnored) {
    folder.write("meta/README.md", "not yaml: [\n");
    folder.write("meta/sub/x.yaml", "not: [valid\n");
    EXPECT_NO_THROW(load_contract(folder.path("mesh.yaml")));
}

TEST_F(MetadataErrors, FilesAreNamedRelativeToTheContractPathAsGiven) {
    folder.write("meta/db.yaml", "service_name: db\ntier: api\n");
    std::string relative = fs::relative(folder.path("mesh.yaml")).string();
    InputError error = testing::load_error_from(relative);
    EXPECT_EQ(error.where().file, (fs::path(relative).parent_path() / "meta/db.yaml").string());
    EXPECT_FALSE(fs::path(error.where().file).is_absolute());
}

}  // namespace
}  // namespace meshprobe
