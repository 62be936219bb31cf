#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compose/child_process.h"
#include "scratch_folder.h"

using ::testing::HasSubstr;
using ::testing::Not;

namespace {

const std::string kExample = std::string(SOURCE_DIR) + "/fixtures/devonboarder";

// The built meshprobe with these arguments in `cwd`, its environment changed by `env`.
meshprobe::ChildResult meshprobe_in(const std::string& cwd, const std::vector<std::string>& args,
                                    std::map<std::string, std::optional<std::string>> env = {}) {
    std::vector<std::string> shell_args{"-c", "cd \"$0\" && exec " MESHPROBE_BINARY " \"$@\"", cwd};
    shell_args.insert(shell_args.end(), args.begin(), args.end());
    return meshprobe::run_child({"/bin/sh", shell_args, std::chrono::milliseconds(60'000), nullptr, std::move(env)});
}

meshprobe::ChildResult meshprobe(const std::vector<std::string>& args) { return meshprobe_in(SOURCE_DIR, args); }

TEST(CommandLine, AMistypedCommandGetsTheClosestCommand) {
    const auto result = meshprobe({"explian", "traefik", "db"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.err, HasSubstr("unknown command 'explian'; did you mean 'explain'?"));
}

TEST(CommandLine, AnUnknownCommandFarFromAllListsThem) {
    const auto result = meshprobe({"frobnicate"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.err, HasSubstr("unknown command 'frobnicate' (commands: init, check, run"));
}

TEST(CommandLine, AMistypedFlagGetsTheClosestFlagOfItsCommand) {
    const auto result = meshprobe({"-c", kExample, "check", "--formt", "json"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.err, HasSubstr("unknown flag '--formt'; did you mean '--format'?"));
}

TEST(CommandLine, AMistypedGlobalFlagAfterTheCommandGetsTheGlobalFlag) {
    const auto result = meshprobe({"check", "--verbos"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.err, HasSubstr("did you mean '--verbose'?"));
}

TEST(CommandLine, AWordNoFlagTakesIsRefused) {
    const auto result = meshprobe({"-c", kExample, "check", "extra"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.err, HasSubstr("unexpected argument 'extra'"));
}

TEST(CommandLine, HelpShowsNoEmptyPositional) {
    const auto result = meshprobe({"--help"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_THAT(result.out, HasSubstr("[OPTIONS] [SUBCOMMAND]"));
    EXPECT_THAT(result.out, Not(HasSubstr("[]")));
}

TEST(CommandLine, AFolderAfterDashCNamesItsMeshYaml) {
    const auto result = meshprobe({"-c", kExample, "check"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("0 errors"));
}

TEST(CommandLine, NoMeshYamlHerePointsAtInit) {
    meshprobe::testing::ScratchFolder empty("meshtest-entrance-");
    const auto result = meshprobe_in(empty.dir().string(), {"check"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.err, HasSubstr("no mesh.yaml here: `meshprobe init` writes one"));
}

TEST(CommandLine, AFolderWithoutMeshYamlIsNamed) {
    meshprobe::testing::ScratchFolder empty("meshtest-entrance-");
    const auto result = meshprobe({"-c", empty.dir().string(), "check"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.err, HasSubstr("no mesh.yaml in " + empty.dir().string()));
}


// `check` on a terminal (script(1) gives it one) of this TERM: what it printed.
std::string check_on_a_terminal(const std::string& term) {
    const std::string command = std::string(MESHPROBE_BINARY) + " -c " + SOURCE_DIR + "/fixtures/broken/db-public-port check";
    return meshprobe::run_child({"/usr/bin/script", {"-qec", command, "/dev/null"}, std::chrono::milliseconds(60'000),
                                 nullptr, {{"TERM", term}, {"NO_COLOR", std::nullopt}}})
        .out;
}

TEST(Colour, ATerminalGetsColour) { EXPECT_THAT(check_on_a_terminal("xterm"), HasSubstr("\x1b[31merror")); }

TEST(Colour, ADumbTerminalGetsNone) { EXPECT_THAT(check_on_a_terminal("dumb"), Not(HasSubstr("\x1b["))); }

TEST(Colour, NotATerminalGetsNone) {
    const auto result = meshprobe({"-c", std::string(SOURCE_DIR) + "/fixtures/broken/db-public-port", "check"});
    EXPECT_THAT(result.out, HasSubstr("error"));
    EXPECT_THAT(result.out, Not(HasSubstr("\x1b[")));
}

// A contract with four mistakes, one a part: a tier's egress, a service's port, a service's
// tier and a flow's side.
void write_contract_with_four_mistakes(const meshprobe::testing::ScratchFolder& folder) {
    folder.write("docker-compose.yaml",
                 "services:\n  backend: {image: alpine}\n  db: {image: alpine}\n");
    folder.write("mesh.yaml",
                 "version: 1\n"
                 "compose: {files: [docker-compose.yaml]}\n"
                 "tiers:\n"
                 "  api: {network: api_tier, egress: maybe}\n"        // 4
                 "  data: {network: data_tier, internal: true}\n"
                 "services:\n"
                 "  backend: {tier: api, ports: [80000]}\n"           // 7
                 "  db: {tier: database, ports: [5432]}\n"            // 8
                 "flows:\n"
                 "  - {from: backend, to: cache}\n");                 // 10
}

meshprobe::ChildResult check_four_mistakes(const std::vector<std::string>& flags) {
    meshprobe::testing::ScratchFolder folder("meshtest-entrance-");
    write_contract_with_four_mistakes(folder);
    std::vector<std::string> args{"check"};
    args.insert(args.end(), flags.begin(), flags.end());
    return meshprobe_in(folder.dir().string(), args);
}

TEST(InputErrors, EveryContractMistakeIsReportedAtOnce) {
    const auto result = check_four_mistakes({});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.err, HasSubstr("mesh.yaml:4: "));
    EXPECT_THAT(result.err, HasSubstr("mesh.yaml:7: "));
    EXPECT_THAT(result.err, HasSubstr("mesh.yaml:8: unknown tier 'database'"));
    EXPECT_THAT(result.err, HasSubstr("mesh.yaml:10: "));
}

TEST(InputErrors, PastTheLimitTheRestAreCounted) {
    meshprobe::testing::ScratchFolder folder("meshtest-entrance-");
    std::string services;
    for (int i = 0; i < 60; ++i) services += "  s" + std::to_string(i) + ": {tier: nowhere}\n";
    folder.write("docker-compose.yaml", "services:\n  s0: {image: alpine}\n");
    folder.write("mesh.yaml", "version: 1\ncompose: {files: [docker-compose.yaml]}\ntiers:\n  api: {network: api_tier}\n"
                              "services:\n" + services);
    const auto result = meshprobe_in(folder.dir().string(), {"check"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.err, HasSubstr("unknown tier 'nowhere'"));
    EXPECT_THAT(result.err, HasSubstr("meshprobe: and 10 more\n"));
}

TEST(InputErrors, JsonHasAnErrorObjectForEach) {
    const auto result = check_four_mistakes({"--format", "json"});
    EXPECT_EQ(result.exit_code, 2);
    const nlohmann::json report = nlohmann::json::parse(result.out, nullptr, false);
    ASSERT_TRUE(report.is_object()) << result.out;
    ASSERT_EQ(report["errors"].size(), 4u) << result.out;
    EXPECT_EQ(report["errors"][2]["location"]["line"], 8) << result.out;
    EXPECT_THAT(report["errors"][2]["message"].get<std::string>(), HasSubstr("unknown tier 'database'"));
    EXPECT_EQ(report["summary"]["input_errors"], 4) << result.out;
}

TEST(InputErrors, SarifHasAToolNotificationAtEachLocation) {
    const auto result = check_four_mistakes({"--format", "sarif"});
    EXPECT_EQ(result.exit_code, 2);
    const nlohmann::json sarif = nlohmann::json::parse(result.out, nullptr, false);
    ASSERT_TRUE(sarif.is_object()) << result.out;
    const nlohmann::json& invocation = sarif["runs"][0]["invocations"][0];
    EXPECT_EQ(invocation["executionSuccessful"], false) << result.out;
    ASSERT_EQ(invocation["toolExecutionNotifications"].size(), 4u) << result.out;
    const nlohmann::json& third = invocation["toolExecutionNotifications"][2];
    EXPECT_EQ(third["level"], "error");
    EXPECT_EQ(third["locations"][0]["physicalLocation"]["region"]["startLine"], 8) << result.out;
}

TEST(InputErrors, GithubFormatAnnotatesEachLine) {
    const auto result = check_four_mistakes({"--format", "github"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.out, HasSubstr("::error file=mesh.yaml,line=8,"));
    EXPECT_THAT(result.out, HasSubstr("unknown tier 'database'"));
    EXPECT_THAT(result.out, HasSubstr("meshprobe check: 4 input errors; nothing was checked"));
}

TEST(InputErrors, JunitHasAnErrorCase) {
    const auto result = check_four_mistakes({"--format", "junit"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.out, HasSubstr("<error message=\"4 input errors: nothing was checked\""));
    EXPECT_THAT(result.out, HasSubstr("mesh.yaml:8: unknown tier"));
}

TEST(InputErrors, ANoContractErrorReachesTheJsonReport) {
    meshprobe::testing::ScratchFolder empty("meshtest-entrance-");
    const auto result = meshprobe_in(empty.dir().string(), {"check", "--format", "json"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.out, HasSubstr("no mesh.yaml here"));
}

meshprobe::ChildResult explain(const std::string& fixture, const std::vector<std::string>& ends) {
    std::vector<std::string> args{"-c", std::string(SOURCE_DIR) + "/fixtures/" + fixture, "explain"};
    args.insert(args.end(), ends.begin(), ends.end());
    return meshprobe(args);
}

TEST(Explain, ATierStandsForEachOfItsServices) {
    const auto result = explain("devonboarder", {"edge", "tier:api"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("traefik -> backend:8001: allowed"));
    EXPECT_THAT(result.out, HasSubstr("traefik -> frontend:3000: allowed"));
}

TEST(Explain, AnUnknownTierIsAnInputError) {
    const auto result = explain("devonboarder", {"tier:nowhere", "db"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.err, HasSubstr("no tier 'nowhere'"));
}

TEST(Explain, TheHostReachesWhatIsPublishedAsAllowed) {
    const auto result = explain("devonboarder", {"host", "traefik"});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_THAT(result.out, HasSubstr("host -> traefik:80: allowed"));
}

TEST(Explain, ADatabasePublishedWithoutLeaveIsForbiddenFromTheHost) {
    const auto result = explain("broken/db-public-port", {"host", "db"});
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    EXPECT_THAT(result.out, HasSubstr("host -> db:5432: forbidden"));
}

TEST(Explain, EgressOfAnInternalTierIsBlocked) {
    const auto result = explain("devonboarder", {"db", "203.0.113.9:443"});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_THAT(result.out, HasSubstr("db -> 203.0.113.9:443: blocked"));
    EXPECT_THAT(result.out, HasSubstr("egress: deny"));
}

TEST(Explain, EgressOfAnOpenTierIsAllowed) {
    const auto result = explain("devonboarder", {"traefik", "203.0.113.9"});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_THAT(result.out, HasSubstr("traefik -> 203.0.113.9:any port: allowed"));
}

TEST(Explain, EgressOpenWhereTheTierDeniesItIsForbidden) {
    const auto result = explain("broken/data-not-internal", {"db", "203.0.113.9"});
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    EXPECT_THAT(result.out, HasSubstr("db -> 203.0.113.9:any port: forbidden"));
}

// `check` on a stack with one warning (MESH001: batch has no tier) and no error.
meshprobe::ChildResult check_with_warnings(const std::vector<std::string>& flags) {
    meshprobe::testing::ScratchFolder folder("meshtest-entrance-");
    folder.write("docker-compose.yaml",
                 "services:\n  web: {image: alpine, networks: [front]}\n  batch: {image: alpine, networks: [front]}\n"
                 "networks:\n  front: {}\n");
    folder.write("mesh.yaml",
                 "version: 1\ncompose: {files: [docker-compose.yaml]}\ntiers:\n  edge: {network: front}\n"
                 "services:\n  web: {tier: edge, ports: [80]}\n  batch: {ports: none}\n"
                 "flows:\n  - {from: batch, to: web}\n  - {from: web, to: batch}\n");
    std::vector<std::string> args{"check"};
    args.insert(args.end(), flags.begin(), flags.end());
    return meshprobe_in(folder.dir().string(), args);
}

TEST(MaxWarnings, WarningsAloneDoNotFailByDefault) {
    const auto result = check_with_warnings({});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_THAT(result.out, HasSubstr("0 errors, 1 warning"));
}

TEST(MaxWarnings, MoreWarningsThanAllowedFail) {
    const auto result = check_with_warnings({"--max-warnings", "0"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_THAT(result.err, HasSubstr("allowed (--max-warnings)"));
}

TEST(MaxWarnings, AsManyWarningsAsAllowedPass) { EXPECT_EQ(check_with_warnings({"--max-warnings", "1"}).exit_code, 0); }

TEST(MaxWarnings, StrictFailsOnAnyWarning) {
    const auto result = check_with_warnings({"--strict"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_THAT(result.err, HasSubstr("allowed (--strict)"));
}

TEST(InputErrors, ASectionThatCannotBeReadIsNotBlamedAgainInTheNext) {
    const auto result = meshprobe_in(std::string(SOURCE_DIR) + "/fixtures/bad-contracts/duplicate-key", {"check"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.err, HasSubstr("duplicate key 'backend'"));
    EXPECT_THAT(result.err, Not(HasSubstr("flow names")));
}

}  // namespace
