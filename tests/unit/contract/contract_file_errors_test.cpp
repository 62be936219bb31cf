// Mistakes in the contract file as a whole: reading, YAML syntax, version, keys and types.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "contract_test_support.h"

namespace meshprobe {
namespace {

using ::testing::HasSubstr;
using testing::kMinimalContract;
using testing::load_error;
using testing::ContractFolder;
using ::testing::StartsWith;

class ContractFileErrors : public ::testing::Test {
protected:
    ContractFolder folder;
    std::string mesh() const { return folder.path("mesh.yaml"); }
};

TEST_F(ContractFileErrors, MinimalContractLoads) {
    folder.write("mesh.yaml", kMinimalContract);
    Contract contract = load_contract(mesh());
    EXPECT_EQ(contract.tiers.size(), 2u);
    EXPECT_EQ(contract.services.size(), 2u);
}

TEST_F(ContractFileErrors, AnchorsAndMergeKeysAreReadLikeCompose) {
    folder.write("mesh.yaml", R"(version: 1
compose:
  files: [docker-compose.yaml]
x-data: &data {tier: data, ports: [5432]}
tiers:
  data: {network: data_tier, internal: true}
services:
  db: *data
  replica: {<<: *data, ports: [5433]}
)");
    folder.write("docker-compose.yaml", "services: {}\n");
    Contract contract = load_contract(mesh());
    ASSERT_EQ(contract.services.size(), 2u);
    EXPECT_EQ(contract.services[0].tier, "data");
    EXPECT_EQ(contract.services[0].ports, std::vector<int>{5432});
    EXPECT_EQ(contract.services[1].tier, "data");
    EXPECT_EQ(contract.services[1].ports, std::vector<int>{5433});  // an explicit key wins
}

TEST_F(ContractFileErrors, MissingFileNamesTheFileWithoutALine) {
    InputError error = testing::load_error_from(folder.path("nope.yaml"));
    EXPECT_EQ(error.where().file, folder.path("nope.yaml"));
    EXPECT_EQ(error.where().line, 0);
    EXPECT_EQ(std::string(error.what()), folder.path("nope.yaml") + ": contract file not found");
}

TEST_F(ContractFileErrors, FolderInsteadOfFileIsAnError) {
    InputError error = testing::load_error_from(folder.dir().string());
    EXPECT_EQ(error.where().line, 0);
    EXPECT_THAT(error.what(), HasSubstr("is a folder"));
}

TEST_F(ContractFileErrors, EmptyFileIsAnError) {
    InputError error = load_error(folder, "# nothing yet\n");
    EXPECT_EQ(error.where().file, mesh());
    EXPECT_THAT(error.what(), HasSubstr("the contract is empty"));
}

TEST_F(ContractFileErrors, SyntaxErrorPointsAtItsLine) {
    InputError error =
        load_error(folder, "version: 1\ntiers:\n  edge: {network: e\nservices: {}\n");
    EXPECT_EQ(error.where().file, mesh());
    EXPECT_EQ(error.where().line, 4);
    EXPECT_THAT(error.what(), StartsWith(mesh() + ":4: YAML syntax error"));
}

TEST_F(ContractFileErrors, BadIndentationIsASyntaxError) {
    InputError error =
        load_error(folder, "version: 1\ntiers:\n  edge:\n    network: e\n   internal: true\n");
    EXPECT_EQ(error.where().line, 5);
    EXPECT_THAT(error.what(), HasSubstr("YAML syntax error"));
}

TEST_F(ContractFileErrors, SecondDocumentIsAnError) {
    InputError error = load_error(folder, std::string(kMinimalContract) + "---\nversion: 1\n");
    EXPECT_EQ(error.where().line, 10);  // the `---` line
    EXPECT_THAT(error.what(), HasSubstr("a second YAML document starts here"));
}

TEST_F(ContractFileErrors, TopLevelListIsAnError) {
    InputError error = load_error(folder, "- version: 1\n");
    EXPECT_EQ(error.where().line, 1);
    EXPECT_THAT(error.what(), HasSubstr("must be a mapping"));
}

TEST_F(ContractFileErrors, WrongVersionIsAnError) {
    InputError error = load_error(folder, "tiers: {edge: {network: e}}\nversion: 2\n");
    EXPECT_EQ(error.where().line, 2);
    EXPECT_THAT(error.what(), HasSubstr("unsupported contract version '2'"));
}

TEST_F(ContractFileErrors, MissingVersionIsAnError) {
    InputError error = load_error(folder, "tiers: {edge: {network: e}}\n");
    EXPECT_EQ(error.where().line, 1);
    EXPECT_THAT(error.what(), HasSubstr("missing required key 'version'"));
}

TEST_F(ContractFileErrors, MissingTiersIsAnError) {
    InputError error = load_error(folder, "version: 1\nservices: {}\n");
    EXPECT_EQ(error.where().line, 1);
    EXPECT_THAT(error.what(), HasSubstr("missing required key 'tiers'"));
}

TEST_F(ContractFileErrors, EmptyTiersIsAnError) {
    InputError error = load_error(folder, "version: 1\ntiers: {}\n");
    EXPECT_EQ(error.where().line, 2);
    EXPECT_THAT(error.what(), HasSubstr("at least one tier"));
}

TEST_F(ContractFileErrors, ServicesMayBeEmpty) {
    folder.write("mesh.yaml", "version: 1\ntiers: {edge: {network: e}}\nservices:\nflows: []\n");
    EXPECT_TRUE(load_contract(mesh()).services.empty());
}

TEST_F(ContractFileErrors, UnknownTopLevelKeySuggestsTheCloseOne) {
    InputError error = load_error(folder, std::string(kMinimalContract) + "flow: []\n");
    EXPECT_EQ(error.where().line, 10);
    EXPECT_THAT(error.what(),
                HasSubstr("unknown key 'flow' at the top level; did you mean 'flows'?"));
}

TEST_F(ContractFileErrors, UnknownKeyFarFromAnyListsTheKnownOnes) {
    InputError error = load_error(folder, std::string(kMinimalContract) + "zzzzzz: 1\n");
    EXPECT_THAT(error.what(), HasSubstr("expected version, project, compose"));
}

TEST_F(ContractFileErrors, ExtensionKeysAreAllowedLikeInCompose) {
    folder.write("mesh.yaml", std::string(kMinimalContract) + "x-owner: platform-team\n");
    EXPECT_NO_THROW(load_contract(mesh()));
}

TEST_F(ContractFileErrors, DuplicateTopLevelKeyNamesBothLines) {
    InputError error = load_error(folder, std::string(kMinimalContract) + "version: 1\n");
    EXPECT_EQ(error.where().line, 10);
    EXPECT_THAT(error.what(),
                HasSubstr("duplicate key 'version' at the top level (first at line 1)"));
}

TEST_F(ContractFileErrors, DuplicateTierNameIsAnError) {
    InputError error = load_error(folder, R"(version: 1
tiers:
  edge: {network: a}
  edge: {network: b}
)");
    EXPECT_EQ(error.where().line, 4);
    EXPECT_THAT(error.what(), HasSubstr("duplicate key 'edge' in tiers (first at line 3)"));
}

TEST_F(ContractFileErrors, DuplicateKeyInsideAFlowMappingIsAnError) {
    InputError error = load_error(folder, R"(version: 1
tiers: {edge: {network: a}, data: {network: b}}
services:
  db: {tier: data,
       tier: edge}
)");
    EXPECT_EQ(error.where().line, 5);
    EXPECT_THAT(error.what(), HasSubstr("duplicate key 'tier' in services.db"));
}

TEST_F(ContractFileErrors, ListAsKeyIsAnError) {
    InputError error = load_error(folder, "version: 1\ntiers:\n  [a, b]: {network: x}\n");
    EXPECT_EQ(error.where().line, 3);
    EXPECT_THAT(error.what(), HasSubstr("a mapping key must be a string"));
}

TEST_F(ContractFileErrors, MappingWhereTextIsExpectedIsAnError) {
    InputError error = load_error(folder, "version: 1\ntiers:\n  edge:\n    network: {name: e}\n");
    EXPECT_EQ(error.where().line, 4);
    EXPECT_THAT(error.what(), HasSubstr("tiers.edge.network must be text, not a mapping"));
}

TEST_F(ContractFileErrors, TextWhereMappingIsExpectedIsAnError) {
    InputError error = load_error(folder, "version: 1\ntiers: edge\n");
    EXPECT_EQ(error.where().line, 2);
    EXPECT_THAT(error.what(), HasSubstr("tiers must be a mapping (key: value), not text"));
}

TEST_F(ContractFileErrors, ProjectIsNormalisedLikeCompose) {
    folder.write("mesh.yaml", std::string(kMinimalContract) + "project: My.App_2-x\n");
    EXPECT_EQ(load_contract(mesh()).project, "myapp_2-x");
}

TEST_F(ContractFileErrors, ProjectDefaultsToTheFolderName) {
    std::string path = folder.write("Shop.Front/mesh.yaml", kMinimalContract);
    folder.write("Shop.Front/docker-compose.yaml", "services: {}\n");
    EXPECT_EQ(load_contract(path).project, "shopfront");
}

TEST_F(ContractFileErrors, ProjectWithoutUsableCharactersIsAnError) {
    InputError error = load_error(folder, std::string(kMinimalContract) + "project: '...'\n");
    EXPECT_EQ(error.where().line, 10);
    EXPECT_THAT(error.what(), HasSubstr("project must contain"));
}

}  // namespace
}  // namespace meshprobe
