#pragma once
#include <functional>
#include <string>
#include <vector>

#include "cli/global_options.h"

namespace CLI {
class App;
}

namespace meshprobe {

// What a command is run with besides its own flags.
struct Invocation {
    const GlobalOptions& global;
    std::string argv0;  // how meshprobe was started: where the probe program is looked for
};

// Runs a command with the flags it registered; returns its exit code.
using CommandCall = std::function<int(const Invocation& call)>;

// One row of the command table: a command's name and how it is added to the application,
// which registers its flags and returns the one call that runs it.
struct CommandRow {
    std::string name;
    std::function<CommandCall(CLI::App& app)> add;
};

// Every command, in the order of the work (init, check, run, ...). A new command is one file,
// cli/<name>_command.{h,cpp} with add_<name>_command and <name>_command, and one row here.
const std::vector<CommandRow>& command_table();

}  // namespace meshprobe
