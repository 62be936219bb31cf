// The model the completions and the man page are written from, read back from a CLI11 App.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>

#include "cli/cli_model.h"
#include "cli/completion_scripts.h"
#include "cli/man_page.h"

using namespace meshprobe;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

namespace {

struct Fixture {
    CLI::App app{"demo: a test application"};
    std::string contract, format, word;
    bool quiet = false, hidden_flag = false;

    Fixture() {
        app.add_option("-c,--contract", contract, "the contract");
        app.add_flag("-q,--quiet", quiet, "print nothing");
        CLI::App* check = app.add_subcommand("check", "check it");
        check->add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
        check->add_flag("--secret", hidden_flag, "not for users")->group("");
        check->add_option("target", word, "what to check");
        app.add_subcommand("completion", "hidden")->group("");
    }
};

const CommandModel& command(const CliModel& cli, const std::string& name) {
    for (const CommandModel& c : cli.commands) {
        if (c.name == name) return c;
    }
    throw std::runtime_error("no command " + name);
}

}  // namespace

TEST(CliModel, AHiddenCommandIsLeftOut) {
    Fixture f;
    CliModel cli = describe_cli(f.app);
    ASSERT_EQ(cli.commands.size(), 1u);
    EXPECT_EQ(cli.commands.front().name, "check");
}

TEST(CliModel, AHiddenOptionAndAPositionalAreNoFlags) {
    Fixture f;
    EXPECT_THAT(flag_names(command(describe_cli(f.app), "check").flags), ElementsAre("-h", "--help", "--format"));
}

TEST(CliModel, APositionalIsAWordOfTheSynopsis) {
    Fixture f;
    EXPECT_THAT(command(describe_cli(f.app), "check").words, ElementsAre("target"));
}

TEST(CliModel, TheChoicesOfAnIsMemberCheckAreRead) {
    Fixture f;
    const CliModel cli = describe_cli(f.app);
    const FlagModel& format = command(cli, "check").flags.back();
    EXPECT_THAT(format.choices, ElementsAre("text", "json"));
    EXPECT_EQ(format.value_name, "TEXT");
}

TEST(CliModel, AFlagTakesNoValueAndAnOptionDoes) {
    Fixture f;
    CliModel cli = describe_cli(f.app);
    ASSERT_THAT(flag_names(cli.global_flags), ElementsAre("-h", "--help", "-c", "--contract", "-q", "--quiet"));
    EXPECT_TRUE(cli.global_flags[1].takes_value());
    EXPECT_FALSE(cli.global_flags[2].takes_value());
    EXPECT_THAT(cli.global_flags[2].choices, IsEmpty());
}

TEST(ManPage, DashesAreEscapedForRoff) {
    Fixture f;
    EXPECT_THAT(man_page(describe_cli(f.app), "1.0", "2026-01-01"), HasSubstr("\\fB\\-c\\fR, \\fB\\-\\-contract\\fR \\fITEXT\\fR"));
}

TEST(ManPage, AHiddenCommandHasNoSection) {
    Fixture f;
    EXPECT_THAT(man_page(describe_cli(f.app), "1.0", "2026-01-01"), Not(HasSubstr("completion")));
}

TEST(BashCompletion, AFlagWithChoicesCompletesThem) {
    Fixture f;
    EXPECT_THAT(bash_completion(describe_cli(f.app)), HasSubstr("check:--format) mapfile -t COMPREPLY < <(compgen -W 'text json'"));
}

TEST(ZshCompletion, ABracketInADescriptionIsEscaped) {
    CLI::App app{"demo"};
    std::string value;
    app.add_subcommand("run", "run it")->add_option("--wait", value, "seconds [default 5]: then stop");
    EXPECT_THAT(zsh_completion(describe_cli(app)), HasSubstr("'--wait''[seconds \\[default 5\\]\\: then stop]:TEXT:_files'"));
}
