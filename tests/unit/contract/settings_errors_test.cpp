// Mistakes in compose, metadata, policy, probe and suppress.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "contract_test_support.h"

namespace meshprobe {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::load_error;
using testing::ContractFolder;

// Line 1-2 version and tiers; tests add their section from line 3 on.
const std::string kHead = "version: 1\ntiers: {edge: {network: e}}\n";
const std::string kCompose = "compose: {files: [docker-compose.yaml]}\n";

class SettingsErrors : public ::testing::Test {
protected:
    ContractFolder folder;
    InputError error_with(const std::string& rest) { return load_error(folder, kHead + rest); }
    Contract load_with(const std::string& rest) {
        return load_contract(folder.write("mesh.yaml", kHead + rest));
    }
};

TEST_F(SettingsErrors, MissingComposeFilePointsAtItsEntry) {
    InputError error =
        error_with("compose:\n  files:\n    - docker-compose.yaml\n    - docker-compose.ci.yaml\n");
    EXPECT_EQ(error.where().line, 6);
    EXPECT_THAT(error.what(),
                HasSubstr("compose file 'docker-compose.ci.yaml' not found (looked for " +
                          folder.path("docker-compose.ci.yaml") + ")"));
}

TEST_F(SettingsErrors, ComposeFilesMustBeAList) {
    InputError error = error_with("compose:\n  files: docker-compose.yaml\n");
    EXPECT_EQ(error.where().line, 4);
    EXPECT_THAT(error.what(),
                HasSubstr("compose.files must be a list, e.g. [docker-compose.yaml]"));
}

TEST_F(SettingsErrors, EmptyComposeFilesIsAnError) {
    InputError error = error_with("compose:\n  files: []\n");
    EXPECT_EQ(error.where().line, 4);
    EXPECT_THAT(error.what(), HasSubstr("needs at least one file"));
}

TEST_F(SettingsErrors, UnknownComposeKeySuggestsTheCloseOne) {
    InputError error = error_with("compose:\n  file: [docker-compose.yaml]\n");
    EXPECT_EQ(error.where().line, 4);
    EXPECT_THAT(error.what(), HasSubstr("unknown key 'file' in compose; did you mean 'files'?"));
}

TEST_F(SettingsErrors, ComposeFilesDefaultToWhatComposeLooksFor) {
    folder.write("docker-compose.override.yml", "services: {}\n");
    Contract contract = load_with("");
    EXPECT_THAT(contract.compose_files, ElementsAre(folder.path("docker-compose.yaml"),
                                                    folder.path("docker-compose.override.yml")));
}

TEST_F(SettingsErrors, ComposeOverrideYmlIsTakenLikeComposeV2TakesIt) {
    folder.write("compose.override.yml", "services: {}\n");
    folder.write("docker-compose.override.yml", "services: {}\n");
    Contract contract = load_with("");
    EXPECT_THAT(contract.compose_files, ElementsAre(folder.path("docker-compose.yaml"),
                                                    folder.path("compose.override.yml")));
}

TEST_F(SettingsErrors, ComposeYamlComesBeforeDockerComposeYaml) {
    folder.write("compose.yaml", "services: {}\n");
    EXPECT_THAT(load_with("").compose_files, ElementsAre(folder.path("compose.yaml")));
}

TEST_F(SettingsErrors, EnvFileDefaultsToDotEnvLikeCompose) {
    folder.write(".env", "TAG=1\n");
    EXPECT_EQ(load_with(kCompose).env_file, folder.path(".env"));
}

TEST_F(SettingsErrors, EnvFileStaysEmptyWithoutDotEnv) { EXPECT_EQ(load_with(kCompose).env_file, ""); }

TEST_F(SettingsErrors, MissingEnvFilePointsAtItsEntry) {
    InputError error = error_with("compose:\n  files: [docker-compose.yaml]\n  env_file: .env\n");
    EXPECT_EQ(error.where().line, 5);
    EXPECT_THAT(error.what(), HasSubstr("env_file '.env' not found"));
}

TEST_F(SettingsErrors, EnvironmentFileThatDoesNotExistPointsAtItsEntry) {
    InputError error = error_with(R"(compose:
  files: [docker-compose.yaml]
  environments:
    dev: {files: [docker-compose.dev.yaml]}
    prod:
      files: [docker-compose.prod.yaml]
)");
    EXPECT_EQ(error.where().line, 8);
    EXPECT_THAT(error.what(), HasSubstr("compose file 'docker-compose.prod.yaml' not found"));
}

TEST_F(SettingsErrors, UnknownEnvironmentKeySuggestsTheCloseOne) {
    InputError error = error_with("compose:\n  environments:\n    dev: {profile: [debug]}\n");
    EXPECT_EQ(error.where().line, 5);
    EXPECT_THAT(
        error.what(),
        HasSubstr("unknown key 'profile' in compose.environments.dev; did you mean 'profiles'?"));
}

TEST_F(SettingsErrors, DuplicateEnvironmentIsAnError) {
    InputError error = error_with("compose:\n  environments:\n    dev: {}\n    dev: {}\n");
    EXPECT_EQ(error.where().line, 6);
    EXPECT_THAT(error.what(),
                HasSubstr("duplicate key 'dev' in compose.environments (first at line 5)"));
}

TEST_F(SettingsErrors, MissingMetadataFolderIsAnError) {
    InputError error = error_with(kCompose + "metadata: .codex/services\n");
    EXPECT_EQ(error.where().line, 4);
    EXPECT_THAT(error.what(), HasSubstr("metadata folder '.codex/services' not found"));
}

TEST_F(SettingsErrors, SameTierOutsideItsEnumIsAnError) {
    InputError error = error_with(kCompose + "policy:\n  same_tier: allowed\n");
    EXPECT_EQ(error.where().line, 5);
    EXPECT_THAT(
        error.what(),
        HasSubstr("policy.same_tier must be allow or deny, got 'allowed'; did you mean 'allow'?"));
}

TEST_F(SettingsErrors, CrossTierAllowIsAnError) {
    InputError error = error_with(kCompose + "policy: {cross_tier: allow}\n");
    EXPECT_EQ(error.where().line, 4);
    EXPECT_THAT(error.what(), HasSubstr("policy.cross_tier must be deny, got 'allow'"));
}

TEST_F(SettingsErrors, ReverseOutsideItsEnumIsAnError) {
    InputError error = error_with(kCompose + "policy:\n  reverse: warn\n");
    EXPECT_EQ(error.where().line, 5);
    EXPECT_THAT(error.what(), HasSubstr("policy.reverse must be allow or deny, got 'warn'"));
}

TEST_F(SettingsErrors, UnknownPolicyKeySuggestsTheCloseOne) {
    InputError error = error_with(kCompose + "policy:\n  same-tier: deny\n");
    EXPECT_THAT(error.what(),
                HasSubstr("unknown key 'same-tier' in policy; did you mean 'same_tier'?"));
}

TEST_F(SettingsErrors, PolicyDefaultsAllowSameTierAndReverse) {
    Contract contract = load_with(kCompose);
    EXPECT_TRUE(contract.policy.same_tier_allow);
    EXPECT_TRUE(contract.policy.reverse_allow);
    EXPECT_EQ(contract.probe.timeout_ms, 1000);
}

TEST_F(SettingsErrors, TimeoutOfZeroIsAnError) {
    InputError error = error_with(kCompose + "probe:\n  timeout_ms: 0\n");
    EXPECT_EQ(error.where().line, 5);
    EXPECT_THAT(error.what(),
                HasSubstr("probe.timeout_ms must be a whole number from 1 to 60000, got '0'"));
}

TEST_F(SettingsErrors, TimeoutAboveAMinuteIsAnError) {
    InputError error = error_with(kCompose + "probe: {timeout_ms: 60001}\n");
    EXPECT_THAT(error.what(), HasSubstr("got '60001'"));
}

TEST_F(SettingsErrors, UnknownProbeKeySuggestsTheCloseOne) {
    InputError error = error_with(kCompose + "probe: {timeout: 500}\n");
    EXPECT_THAT(error.what(), HasSubstr("did you mean 'timeout_ms'?"));
}

struct BadTarget {
    std::string entry;
    std::string phrase;
};

class EgressTargetErrors : public SettingsErrors,
                           public ::testing::WithParamInterface<BadTarget> {};

TEST_P(EgressTargetErrors, UnparsableEgressTargetIsAnError) {
    InputError error =
        error_with(kCompose + "probe:\n  egress_targets:\n    - 198.18.0.2\n    - \"" +
                   GetParam().entry + "\"\n");
    EXPECT_EQ(error.where().line, 7);
    EXPECT_THAT(error.what(), HasSubstr("probe.egress_targets[1] '" + GetParam().entry + "'"));
    EXPECT_THAT(error.what(), HasSubstr(GetParam().phrase));
}

INSTANTIATE_TEST_SUITE_P(
    Entries, EgressTargetErrors,
    ::testing::Values(BadTarget{"example.org:http", "'http' is not a port number"},
                      BadTarget{"10.0.0.1:0", "'0' is not a port number"},
                      BadTarget{"bad_name!", "neither an IPv4 address nor a host name"},
                      BadTarget{"300.1.1.1", "neither an IPv4 address nor a host name"},
                      BadTarget{"[::1]:80", "IPv6 egress targets are not supported"},
                      BadTarget{":80", "neither an IPv4 address nor a host name"}));

TEST_F(SettingsErrors, SuppressionWithoutReasonIsAnError) {
    InputError error = error_with(kCompose + "suppress:\n  - {rule: MESH010, service: bot}\n");
    EXPECT_EQ(error.where().line, 5);
    EXPECT_THAT(error.what(), HasSubstr("suppress[0] needs 'reason'"));
}

TEST_F(SettingsErrors, SuppressionWithBlankReasonIsAnError) {
    InputError error = error_with(kCompose + "suppress:\n  - rule: MESH010\n    reason: ' '\n");
    EXPECT_EQ(error.where().line, 6);
    EXPECT_THAT(error.what(), HasSubstr("suppress[0].reason must say why"));
}

TEST_F(SettingsErrors, SuppressionOfAnUnknownRuleShapeIsAnError) {
    InputError error = error_with(kCompose + "suppress:\n  - {rule: mesh10, reason: legacy}\n");
    EXPECT_EQ(error.where().line, 5);
    EXPECT_THAT(error.what(),
                HasSubstr("suppress[0].rule must be a rule id like MESH003, got 'mesh10'"));
}

TEST_F(SettingsErrors, SuppressMustBeAListOfMappings) {
    InputError error = error_with(kCompose + "suppress:\n  - MESH010\n");
    EXPECT_EQ(error.where().line, 5);
    EXPECT_THAT(error.what(), HasSubstr("suppress[0] must be a mapping"));
}

}  // namespace
}  // namespace meshprobe
