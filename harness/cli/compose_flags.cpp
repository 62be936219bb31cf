#include "cli/compose_flags.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace meshprobe {

void add_compose_flags(CLI::App& app, GlobalOptions& global) {
    ComposeFlags& flags = global.compose;
    const char* group = "Compose's options (as docker compose takes them)";
    app.add_option("-f,--file", flags.files, "a compose file (repeatable, merged in order); instead of compose.files")
        ->group(group);
    app.add_option("-p,--project-name", flags.project_name, "the compose project name; instead of project")->group(group);
    app.add_option("--profile", flags.profiles, "a compose profile to activate (repeatable); instead of COMPOSE_PROFILES")
        ->group(group);
    app.add_option("--env-file", flags.env_files, "an env file (repeatable, the later winning); instead of compose.env_file")
        ->group(group);
    app.add_option("--project-directory", flags.project_directory, "the compose project's folder")->group(group);
    // Read when a command loads its project, after the flags are parsed.
    flags.tell = [&global](const std::string& what) {
        if (global.verbose) std::cerr << "meshprobe: " << what << "\n";
    };
    flags.warn = [&global](const ComposeWarning& what) {
        if (!global.quiet) std::cerr << "meshprobe: warning: " << what.text << "\n";
    };
}

}  // namespace meshprobe
