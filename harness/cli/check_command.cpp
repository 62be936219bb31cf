#include "cli/check_command.h"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/errors.h"
#include "core/user_file.h"
#include "reports/static/check_render.h"
#include "rules/check_files.h"
#include "rules/rule_catalog.h"

namespace meshprobe {
namespace {

// Colour only for a person at a terminal: not into a file, not when told otherwise.
bool use_color(const GlobalOptions& global, const CheckOptions& options) {
    return options.output.empty() && !global.no_color && std::getenv("NO_COLOR") == nullptr &&
           ::isatty(STDOUT_FILENO) == 1;
}

// Errors fail a check; warnings too, past the number the user allows.
int exit_code(const CheckReport& report, const CheckOptions& options, const GlobalOptions& global) {
    const int allowed = options.strict ? 0 : options.max_warnings;
    const int warnings = report.count(Severity::warning);
    if (allowed < 0 || warnings <= allowed || report.exit_code() != kExitConformant) return report.exit_code();
    if (!global.quiet)
        std::cerr << "meshprobe: " << warnings << " warning" << (warnings == 1 ? "" : "s") << ", more than the "
                  << allowed << " allowed (" << (options.strict ? "--strict" : "--max-warnings") << ")\n";
    return kExitViolations;
}

}  // namespace

void add_check_command(CLI::App& app, CheckOptions& options) {
    CLI::App* cmd = app.add_subcommand("check", "check the compose files against the contract, statically (no Docker needed)");
    cmd->add_flag("--all-envs", options.all_envs, "check every environment of the contract, and compare them (MESH012)");
    cmd->add_option("--format", options.format, "text, json, sarif, junit or github (default text)")
        ->check(CLI::IsMember(check_formats()));
    cmd->add_option("--output", options.output, "write the report to this file instead of standard output");
    auto* max_warnings = cmd->add_option("--max-warnings", options.max_warnings, "exit 1 when there are more warnings than N")
                             ->check(CLI::NonNegativeNumber);
    cmd->add_flag("--strict", options.strict, "exit 1 on any warning (--max-warnings 0)")->excludes(max_warnings);
    cmd->add_option("--rules-url", options.rules_url,
                    "docs/rules.md as published (an absolute URL): SARIF links each rule to its section there "
                    "(default: no link)")
        ->check([](const std::string& url) {
            // SARIF wants an absolute URI: a scheme, then something.
            const std::size_t colon = url.find(':');
            const bool absolute = colon != std::string::npos && colon > 0 && colon + 1 < url.size() &&
                                  std::isalpha(static_cast<unsigned char>(url[0])) &&
                                  url.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-") == colon;
            return absolute ? std::string() : "an absolute URL is needed (https://...), not '" + url + "'";
        });
}

int check_command(const GlobalOptions& global, const CheckOptions& options) {
    return check_command(global, options, compose_file_source());
}

int check_command(const GlobalOptions& global, const CheckOptions& options, const ModelSource& source) {
    CheckRenderOptions render;
    render.base_dir = std::filesystem::current_path().string();
    render.color = use_color(global, options);
    render.verbose = global.verbose;
    render.quiet = global.quiet;
    render.rules_url = options.rules_url.empty() ? built_rules_url() : options.rules_url;
    // Compose's warnings go to standard error as on every command, and into the report.
    std::vector<ComposeWarning> notifications;
    ComposeFlags compose = global.compose;
    compose.warn = [&notifications, &global](const ComposeWarning& warning) {
        notifications.push_back(warning);
        if (global.compose.warn) global.compose.warn(warning);
    };
    try {
        require_check_format(options.format);
        auto progress = [&](const std::string& what) {
            if (global.verbose) std::cerr << "meshprobe: " << what << "\n";
        };
        CheckReport report = check_files(global.contract, global.environment, options.all_envs, source, progress, compose);
        report.notifications = notifications;
        write_output(render_check(report, options.format, render), options.output);
        return exit_code(report, options, global);
    } catch (const InputError& e) {
        std::cerr << input_error_lines(e);
        // The report's reader (a CI annotation, code scanning) hears of them too, each at its line.
        CheckReport nothing_checked;
        nothing_checked.version = MESHPROBE_VERSION;
        nothing_checked.contract = global.contract;
        nothing_checked.notifications = notifications;
        if (std::string report = render_input_errors(nothing_checked, e, options.format, render); !report.empty())
            write_output(report, options.output);
        return kExitInputError;
    }
}

}  // namespace meshprobe
