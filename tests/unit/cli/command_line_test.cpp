#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

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

}  // namespace
