#include "cli/check_command.h"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/errors.h"
#include "core/user_file.h"
#include "reports/static/check_render.h"
#include "rules/check_files.h"

namespace meshprobe {
namespace {

// Colour only for a person at a terminal: not into a file, not when told otherwise.
bool use_color(const GlobalOptions& global, const CheckOptions& options) {
    return options.output.empty() && !global.no_color && std::getenv("NO_COLOR") == nullptr &&
           ::isatty(STDOUT_FILENO) == 1;
}

}  // namespace

void add_check_command(CLI::App& app, CheckOptions& options) {
    CLI::App* cmd = app.add_subcommand("check", "check the compose files against the contract, statically (no Docker needed)");
    cmd->add_flag("--all-envs", options.all_envs, "check every environment of the contract, and compare them (MESH012)");
    cmd->add_option("--format", options.format, "text, json, sarif, junit or github (default text)")
        ->check(CLI::IsMember(check_formats()));
    cmd->add_option("--output", options.output, "write the report to this file instead of standard output");
}

int check_command(const GlobalOptions& global, const CheckOptions& options) {
    return check_command(global, options, compose_file_source());
}

int check_command(const GlobalOptions& global, const CheckOptions& options, const ModelSource& source) {
    try {
        require_check_format(options.format);
        auto progress = [&](const std::string& what) {
            if (global.verbose) std::cerr << "meshprobe: " << what << "\n";
        };
        CheckReport report = check_files(global.contract, global.environment, options.all_envs, source, progress, global.compose);
        CheckRenderOptions render;
        render.base_dir = std::filesystem::current_path().string();
        render.color = use_color(global, options);
        render.verbose = global.verbose;
        render.quiet = global.quiet;
        write_output(render_check(report, options.format, render), options.output);
        return report.exit_code();
    } catch (const InputError& e) {
        std::cerr << "meshprobe: " << e.what() << "\n";
        return kExitInputError;
    }
}

}  // namespace meshprobe
