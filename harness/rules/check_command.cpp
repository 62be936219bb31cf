#include "rules/check_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "contract/contract_loader.h"
#include "core/errors.h"
#include "reports/static/check_render.h"
#include "rules/check_run.h"

namespace meshprobe {
namespace {

std::vector<std::string> service_names(const std::vector<EnvironmentModel>& models) {
    std::vector<std::string> names;
    for (const EnvironmentModel& environment : models) {
        for (const ComposeService& service : environment.model.services) names.push_back(service.name);
    }
    return names;
}

CheckReport run_check(const GlobalOptions& global, const CheckOptions& options, const ModelSource& source) {
    const auto started = std::chrono::steady_clock::now();
    Contract contract = load_contract(global.contract);
    std::vector<EnvironmentModel> models;
    for (const std::string& name : environments_to_check(contract, global.environment, options.all_envs)) {
        if (global.verbose) std::cerr << "meshprobe: reading the compose files of environment " << name << "\n";
        models.push_back({name, source(environment_project(contract, name))});
    }
    validate_against_compose(contract, service_names(models));
    CheckReport report = check_contract(contract, models);
    report.version = MESHPROBE_VERSION;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

// Colour only for a person at a terminal: not into a file, not when told otherwise.
bool use_color(const GlobalOptions& global, const CheckOptions& options) {
    return options.output.empty() && !global.no_color && std::getenv("NO_COLOR") == nullptr &&
           ::isatty(STDOUT_FILENO) == 1;
}

void write_output(const std::string& text, const std::string& path) {
    if (path.empty()) {
        std::cout << text << std::flush;
        return;
    }
    std::ofstream file(path, std::ios::binary);
    file << text;
    if (!file.flush()) throw InputError("--output " + path + ": cannot write the report there");
}

}  // namespace

int check_command(const GlobalOptions& global, const CheckOptions& options) {
    return check_command(global, options, compose_file_source());
}

int check_command(const GlobalOptions& global, const CheckOptions& options, const ModelSource& source) {
    try {
        require_check_format(options.format);
        CheckReport report = run_check(global, options, source);
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
