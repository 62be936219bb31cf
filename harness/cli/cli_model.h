#pragma once
// What the shell completions and the man page are made from: the commands and flags that the
// application registered, read back from CLI11, so they cannot fall behind the command table.
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace meshprobe {

struct FlagModel {
    std::vector<std::string> names;    // as typed: "-c", "--contract"
    std::string description;
    std::string value_name;            // "" for a flag that takes no value, else e.g. "TEXT"
    std::vector<std::string> choices;  // the values an IsMember check allows, when it has one
    bool takes_value() const { return !value_name.empty(); }
};

struct CommandModel {
    std::string name;
    std::string description;
    std::vector<FlagModel> flags;
    std::vector<std::string> words;  // its positional arguments' names, for the synopsis
};

struct CliModel {
    std::string program;
    std::string description;
    std::vector<FlagModel> global_flags;  // accepted before and after the command
    std::vector<CommandModel> commands;   // hidden commands (an empty group) left out
};

CliModel describe_cli(CLI::App& root);

// The flags a command takes, its own and the global ones, as typed ("-c", "--contract", ...).
std::vector<std::string> flag_names(const std::vector<FlagModel>& flags);

}  // namespace meshprobe
