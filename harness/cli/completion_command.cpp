#include "cli/completion_command.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/cli_model.h"
#include "cli/completion_scripts.h"
#include "cli/man_page.h"

namespace meshprobe {

void add_completion_command(CLI::App& app, CompletionOptions& options) {
    CLI::App* cmd = app.add_subcommand("completion", "print the shell completion script for bash, zsh or fish");
    cmd->group("");  // hidden: packaging runs it, and the package installs what it prints
    cmd->add_option("shell", options.shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
    options.root = &app;
}

int completion_command(const GlobalOptions&, const CompletionOptions& options) {
    const CliModel cli = describe_cli(*options.root);
    if (options.shell == "bash") std::cout << bash_completion(cli);
    if (options.shell == "zsh") std::cout << zsh_completion(cli);
    if (options.shell == "fish") std::cout << fish_completion(cli);
    return 0;
}

void add_manpage_command(CLI::App& app, ManPageOptions& options) {
    CLI::App* cmd = app.add_subcommand("manpage", "print the man page, meshprobe(1)");
    cmd->group("");
    cmd->add_option("--date", options.date, "the date the page shows, YYYY-MM-DD");
    options.root = &app;
}

int manpage_command(const GlobalOptions&, const ManPageOptions& options) {
    std::cout << man_page(describe_cli(*options.root), MESHPROBE_VERSION, options.date);
    return 0;
}

}  // namespace meshprobe
