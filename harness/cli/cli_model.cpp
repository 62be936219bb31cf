#include "cli/cli_model.h"

#include <CLI/CLI.hpp>

namespace meshprobe {
namespace {

// CLI11 writes an IsMember check into the type name: "TEXT:{json,mermaid,dot}".
std::vector<std::string> choices_of(const std::string& type_name) {
    const auto open = type_name.find(":{");
    const auto close = type_name.rfind('}');
    if (open == std::string::npos || close == std::string::npos || close < open) return {};
    std::vector<std::string> choices;
    std::string item;
    for (char c : type_name.substr(open + 2, close - open - 2)) {
        if (c == ',') {
            choices.push_back(item);
            item.clear();
        } else {
            item += c;
        }
    }
    choices.push_back(item);
    return choices;
}

std::vector<std::string> words_of(CLI::App& app) {
    std::vector<std::string> words;
    for (const CLI::Option* option : app.get_options()) {
        if (option->get_positional() && !option->get_group().empty()) words.push_back(option->get_name());
    }
    return words;
}

std::vector<FlagModel> flags_of(CLI::App& app) {
    std::vector<FlagModel> flags;
    for (const CLI::Option* option : app.get_options()) {
        // Positionals are words, not flags; an empty group hides an option (main's "command").
        if (option->get_positional() || option->get_group().empty()) continue;
        FlagModel flag;
        for (const std::string& name : option->get_snames()) flag.names.push_back("-" + name);
        for (const std::string& name : option->get_lnames()) flag.names.push_back("--" + name);
        flag.description = option->get_description();
        if (option->get_items_expected_max() != 0) {  // a flag expects no value
            const std::string type_name = option->get_type_name();
            flag.value_name = type_name.substr(0, type_name.find(':'));
            if (flag.value_name.empty()) flag.value_name = "VALUE";
            flag.choices = choices_of(type_name);
        }
        flags.push_back(flag);
    }
    return flags;
}

}  // namespace

CliModel describe_cli(CLI::App& root) {
    CliModel model;
    model.program = "meshprobe";
    model.description = root.get_description();
    model.global_flags = flags_of(root);
    for (CLI::App* command : root.get_subcommands([](CLI::App*) { return true; })) {
        // An option group is an App without a name; an empty group hides a command.
        if (command->get_name().empty() || command->get_group().empty()) continue;
        model.commands.push_back({command->get_name(), command->get_description(), flags_of(*command), words_of(*command)});
    }
    return model;
}

std::vector<std::string> flag_names(const std::vector<FlagModel>& flags) {
    std::vector<std::string> names;
    for (const FlagModel& flag : flags) names.insert(names.end(), flag.names.begin(), flag.names.end());
    return names;
}

}  // namespace meshprobe
