#include "cli/init_command.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "composefile/compose_loader.h"
#include "contract/contract_loader.h"
#include "core/errors.h"
#include "core/user_file.h"
#include "init/contract_inference.h"
#include "init/contract_writer.h"
#include "rules/model_source.h"

namespace meshprobe {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> compose_files(const InitOptions& options) {
    if (options.files.empty()) {
        std::vector<std::string> found = default_compose_files(fs::current_path().string());
        if (found.empty()) throw InputError("no compose file here: give one with -f, or run init where compose.yaml is");
        return found;
    }
    std::vector<std::string> out;
    for (const std::string& file : options.files) {
        const std::string path = fs::absolute(file).lexically_normal().string();
        if (auto problem = user_file_problem(path)) throw InputError("-f " + file + ": " + *problem);
        out.push_back(path);
    }
    return out;
}

}  // namespace

void add_init_command(CLI::App& app, InitOptions& options) {
    CLI::App* cmd = app.add_subcommand("init", "write a first contract from the compose files, saying where each value came from");
    cmd->add_option("-f,--file", options.files, "a compose file (repeatable, merged in order; default: compose's own names here)");
    cmd->add_option("--output", options.output, "the contract to write (default mesh.yaml)");
    cmd->add_flag("--force", options.force, "overwrite the output if it exists");
}

int init_command(const GlobalOptions& global, const InitOptions& options) {
    const fs::path output = fs::absolute(options.output).lexically_normal();
    std::error_code error;
    if (fs::exists(output, error) && !options.force) {
        throw InputError(options.output + " exists: meshprobe init never overwrites a contract without --force");
    }
    const std::vector<std::string> files = compose_files(options);
    ComposeInputs inputs;
    inputs.files = files;
    // Every service compose defines, those of profiles too: the contract describes them all,
    // and `check` judges each where its profile is active.
    for (const auto& [service, profile] : load_compose(inputs).inactive) {
        if (std::find(inputs.profiles.begin(), inputs.profiles.end(), profile) == inputs.profiles.end())
            inputs.profiles.push_back(profile);
    }
    const ComposeModel model = load_compose(inputs);
    std::vector<std::string> written;
    for (const std::string& file : files) {
        // Relative where the contract sits above the files, as a repository keeps them; absolute otherwise.
        const std::string relative = fs::path(file).lexically_relative(output.parent_path()).string();
        written.push_back(relative.empty() || relative.rfind("..", 0) == 0 ? file : relative);
    }
    const std::string project = normalize_project_name(fs::path(files.front()).parent_path().filename().string());
    const std::string text = write_contract(infer_contract(model, project, written));

    // Written beside the output first and loaded back: a contract that does not load is never left behind.
    const fs::path draft = output.string() + ".meshprobe-init";
    {
        std::ofstream file(draft, std::ios::binary | std::ios::trunc);
        if (!(file << text) || !file.flush()) throw InputError("cannot write " + draft.string());
    }
    try {
        load_contract_environment(draft.string(), "");
    } catch (...) {
        fs::remove(draft, error);
        throw;
    }
    fs::rename(draft, output, error);
    if (error) {
        fs::remove(draft, error);
        throw InputError("cannot write " + options.output + ": " + error.message());
    }
    if (!global.quiet) std::cerr << "meshprobe: wrote " << options.output << " (" << model.services.size() << " services)\n";
    return kExitConformant;
}

}  // namespace meshprobe
