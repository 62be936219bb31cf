#include "rules/check_command.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/errors.h"
#include "reports/static/check_render.h"
#include "rules/check_files.h"

namespace meshprobe {
namespace {

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
        auto progress = [&](const std::string& what) {
            if (global.verbose) std::cerr << "meshprobe: " << what << "\n";
        };
        CheckReport report = check_files(global.contract, global.environment, options.all_envs, source, progress);
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
