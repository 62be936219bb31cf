#pragma once
#include <string>

#include "cli/global_options.h"

namespace CLI {
class App;
}

namespace meshprobe {

struct CompletionOptions {
    std::string shell;         // bash, zsh or fish
    CLI::App* root = nullptr;  // the whole application, read back when the command runs
};

struct ManPageOptions {
    std::string date;  // the page's date, given by the build (SOURCE_DATE_EPOCH keeps it reproducible)
    CLI::App* root = nullptr;
};

// Registers the hidden `meshprobe completion bash|zsh|fish`; the build runs it to write the
// scripts the package installs.
void add_completion_command(CLI::App& app, CompletionOptions& options);
// Prints the completion script for the shell; exit 0.
int completion_command(const GlobalOptions& global, const CompletionOptions& options);

// Registers the hidden `meshprobe manpage`, which prints meshprobe(1).
void add_manpage_command(CLI::App& app, ManPageOptions& options);
int manpage_command(const GlobalOptions& global, const ManPageOptions& options);

}  // namespace meshprobe
