#include "cli/command_line.h"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <filesystem>

#include "contract/suggest.h"

namespace meshprobe {
namespace {

// Every spelling of the flags `app` takes, "--format" and "-c" alike.
void add_flag_names(const CLI::App& app, std::vector<std::string>& names) {
    for (const CLI::Option* option : app.get_options()) {
        for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
        for (const std::string& name : option->get_snames()) names.push_back("-" + name);
    }
}

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; }))
        names.push_back(command->get_name());
    return names;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
}

}  // namespace

std::string leftover_words_message(const CLI::App& app, const CLI::App* command, const std::vector<std::string>& words) {
    if (words.empty()) return {};
    const std::string& word = words.front();
    if (word.size() > 1 && word.front() == '-') {
        std::string typed = word.substr(0, word.find('='));  // --formt=json
        std::vector<std::string> flags;
        add_flag_names(app, flags);
        if (command) add_flag_names(*command, flags);
        return "unknown flag '" + typed + "'" + did_you_mean(typed, flags) + " (meshprobe " +
               (command ? command->get_name() + " " : "") + "--help lists the flags)";
    }
    if (!command) {
        const std::vector<std::string> names = command_names(app);
        const std::string suggestion = did_you_mean(word, names);
        return "unknown command '" + word + "'" +
               (suggestion.empty() ? " (commands: " + joined(names) + "; meshprobe --help says more)" : suggestion);
    }
    // A word after the command that no flag takes: `run --standin extra` is a slip, not a run.
    return "unexpected argument '" + word + "' (meshprobe " + command->get_name() + " --help lists its flags)";
}

void settle_global_options(GlobalOptions& global) {
    std::error_code error;
    if (std::filesystem::is_directory(global.contract, error))
        global.contract = (std::filesystem::path(global.contract) / "mesh.yaml").string();
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    if ((no_color && *no_color) || (term && std::string(term) == "dumb")) global.no_color = true;
}

}  // namespace meshprobe
