#include "cli/init_command.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "cli/learn_command.h"
#include "cli/staged_files.h"
#include "composefile/compose_loader.h"
#include "contract/contract_loader.h"
#include "core/errors.h"
#include "core/user_file.h"
#include "init/contract_inference.h"
#include "init/contract_writer.h"
#include "init/metadata_writer.h"
#include "learn/duration.h"
#include "learn/learned_contract.h"
#include "project/compose_view.h"
#include "project/model_source.h"
#include "rules/check_files.h"

namespace meshprobe {
namespace {

namespace fs = std::filesystem;

// How the contract names a path: relative where the contract sits above it, as a repository
// keeps them; absolute otherwise.
std::string as_contract_names(const fs::path& path, const fs::path& contract_dir) {
    const std::string relative = path.lexically_relative(contract_dir).string();
    return relative.empty() || relative.rfind("..", 0) == 0 ? path.string() : relative;
}

bool is_yaml(const fs::path& file) { return file.extension() == ".yaml" || file.extension() == ".yml"; }

// The metadata file of each service, refused before anything is written: the loader reads every
// .yaml file directly in the folder, so it must not hold the contract or a compose file, and a
// file that exists is someone's work, kept unless --force says otherwise.
std::vector<fs::path> metadata_targets(const InitOptions& options, const fs::path& dir, const fs::path& output,
                                       const std::vector<std::string>& files, const InferredContract& contract) {
    std::error_code error;
    if (fs::exists(dir, error) && !fs::is_directory(dir, error))
        throw InputError("--metadata " + options.metadata + " is not a folder");
    if (dir == output.parent_path())
        throw InputError("--metadata " + options.metadata + " is the contract's own folder, where every .yaml file " +
                         "would be read as a metadata file; give the metadata a folder of its own");
    for (const std::string& file : files) {
        if (fs::path(file).parent_path() == dir && is_yaml(file))
            throw InputError("--metadata " + options.metadata + " holds the compose file " + file +
                             ", which would be read as a metadata file; give the metadata a folder of its own");
    }
    std::vector<fs::path> targets;
    std::vector<std::string> existing;
    for (const InferredService& service : contract.services) {
        targets.push_back(dir / (service.name + ".yaml"));
        if (fs::exists(targets.back(), error)) existing.push_back(targets.back().filename().string());
    }
    if (!existing.empty() && !options.force)
        throw InputError(fmt::format("--metadata {}: {} exist{}: meshprobe init never overwrites a metadata file "
                                     "without --force",
                                     options.metadata, fmt::join(existing, ", "), existing.size() == 1 ? "s" : ""));
    return targets;
}

// The loader will read the other metadata files already in DIR along with init's: copies of them
// beside the drafts make the load-back read the folder as it will be.
void copy_other_metadata(const fs::path& dir, const std::vector<fs::path>& targets, const fs::path& drafts) {
    std::error_code error;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
        const fs::path& file = it->path();
        if (!is_yaml(file) || !it->is_regular_file(error) ||
            std::find(targets.begin(), targets.end(), file) != targets.end())
            continue;
        fs::copy_file(file, drafts / file.filename(), error);
        if (error) break;
    }
    if (error) throw InputError("cannot read the metadata folder " + dir.string() + ": " + error.message());
}

// What `check` finds against the contract at `path` (loaded back already): the errors and
// warnings are present problems of the stack, which init lists rather than hides with
// permissions the stack should not have. Each as "file:line RULE severity: message", the file
// relative to the contract's folder and the scratch contract named as the output.
std::vector<std::string> present_problems(const fs::path& path, const fs::path& output, const ComposeFlags& flags) {
    const CheckReport report = check_files(path.string(), "", false, compose_file_source(), {}, flags);
    std::vector<std::string> out;
    for (const Finding& f : report.findings) {
        if (f.suppressed() || f.severity == Severity::note) continue;
        const fs::path file = f.where.file == path.string() ? output : fs::path(f.where.file);
        SourceLocation where = f.where;
        where.file = file.empty() ? output.filename().string() : as_contract_names(file, output.parent_path());
        std::string message = f.message;
        std::replace(message.begin(), message.end(), '\n', ' ');  // one comment line each
        out.push_back(fmt::format("{} {} {}: {}", where.str(), f.rule, to_string(f.severity), message));
    }
    return out;
}

// The contract describes the services compose would run; those of the profiles not active are
// named, and so are the profiles a later `check` must be given again when a flag chose them.
void add_profile_notes(InferredContract& contract, const StackModel& model, const ComposeView& view) {
    for (const auto& [service, profile] : model.inactive)
        contract.notes.push_back(fmt::format("service {} (profile {}) is not written: the profile is not active", service, profile));
    if (view.profiles_from == "--profile")
        contract.notes.push_back(fmt::format("written with --profile {}: give `check` the same", fmt::join(view.profiles, " --profile ")));
}

}  // namespace

void add_init_command(CLI::App& app, InitOptions& options) {
    CLI::App* cmd = app.add_subcommand("init", "write a first contract from the compose files, saying where each value came from");
    cmd->add_option("--output", options.output, "the contract to write (default mesh.yaml)");
    cmd->add_option("--metadata", options.metadata,
                    "also write one metadata file per service into this folder (created if missing)");
    cmd->add_flag("--force", options.force, "overwrite the output and metadata files if they exist");
    cmd->add_option("--learn", options.learn,
                    "also record the running stack for DURATION (30s, 5m) and add the flows seen");
}

int init_command(const GlobalOptions& global, const InitOptions& options) {
    const fs::path output = fs::absolute(options.output).lexically_normal();
    std::error_code error;
    if (fs::exists(output, error) && !options.force) {
        throw InputError(options.output + " exists: meshprobe init never overwrites a contract without --force");
    }
    // What `check` will read for the contract written there: the files, env files, profiles and
    // project compose's flags and variables settle. Only the services of the active profiles
    // are written, as compose would run them; the others are named in the notes.
    const ComposeView view = compose_view_before_contract(output.string(), global.compose);
    tell_compose_view(view, global.compose);
    const std::vector<std::string>& files = view.files;
    ComposeInputs inputs;
    inputs.files = view.files;
    inputs.env_files = view.env_files;
    inputs.profiles = view.profiles;
    inputs.project_directory = view.project_directory;
    const StackModel model = load_compose(inputs);
    std::vector<std::string> written;
    for (const std::string& file : files) written.push_back(as_contract_names(file, output.parent_path()));
    const std::string& project = view.project;
    // The draft is checked under the same flags (said once above, not again for the draft).
    ComposeFlags quiet_flags = global.compose;
    quiet_flags.tell = nullptr;
    quiet_flags.warn = nullptr;
    InferredContract contract = infer_contract(model, project, written);
    add_profile_notes(contract, model, view);
    if (!options.learn.empty()) {
        const std::chrono::seconds duration(parse_duration_seconds(options.learn, "--learn"));
        const Recording seen = record_running_stack(global, model, project, duration);
        add_learned_flows(contract, seen.flows, seen.seconds);
    }

    // Every file is a draft first and the contract is loaded back with its metadata: a contract
    // that does not load is never left behind, nor some of the files without the others.
    StagedFiles staged;
    const fs::path draft = output.string() + ".meshprobe-init";
    // The contract as it will be read (with --metadata: naming the drafts' folder), for the checks.
    const fs::path check = output.string() + ".meshprobe-init-check";
    std::vector<std::string> problems;
    if (options.metadata.empty()) {
        staged.add_scratch(check, write_contract(contract));
        load_contract_environment(check.string(), "", compose_file_source(), quiet_flags);
        problems = present_problems(check, output, quiet_flags);
        staged.add(draft, output, write_contract(contract) + present_problems_comment(problems));
    } else {
        const fs::path dir = fs::absolute(options.metadata).lexically_normal();
        const std::vector<fs::path> targets = metadata_targets(options, dir, output, files, contract);
        staged.create_folder(dir);
        // Inside DIR, so each rename stays on one file system; the loader skips subfolders.
        const fs::path drafts = dir / ".meshprobe-init";
        fs::remove_all(drafts, error);  // left behind by an init that was killed
        staged.create_folder(drafts, true);
        for (std::size_t i = 0; i < targets.size(); ++i)
            staged.add(drafts / targets[i].filename(), targets[i], write_metadata(contract, contract.services[i]));
        copy_other_metadata(dir, targets, drafts);
        staged.add_scratch(check, write_contract(contract, as_contract_names(drafts, output.parent_path())));
        try {
            load_contract_environment(check.string(), "", compose_file_source(), quiet_flags);
            problems = present_problems(check, output, quiet_flags);
        } catch (const InputError& e) {
            // Named where the file is to be, or is already: the drafts' folder is gone by now.
            std::string message = e.what();
            for (std::size_t at; (at = message.find(drafts.string())) != std::string::npos;)
                message.replace(at, drafts.string().size(), dir.string());
            throw InputError(message);
        }
        staged.add(draft, output,
                   write_contract(contract, as_contract_names(dir, output.parent_path())) + present_problems_comment(problems));
    }
    staged.commit();
    if (!global.quiet) {
        std::cerr << "meshprobe: wrote " << options.output << " (" << model.services.size() << " services)";
        if (!options.metadata.empty()) std::cerr << " and a metadata file for each in " << options.metadata;
        std::cerr << "\n";
    }
    // Said even with -q: the first `check` will fail on these, and the user should know why.
    if (!problems.empty()) {
        std::cerr << fmt::format("meshprobe: init found {} present problem{}: `check` reports {} until fixed or allowed "
                                 "(listed at the end of {} too):\n",
                                 problems.size(), problems.size() == 1 ? "" : "s", problems.size() == 1 ? "it" : "them",
                                 options.output);
        for (const std::string& problem : problems) std::cerr << "  " << problem << "\n";
    }
    return kExitConformant;
}

}  // namespace meshprobe
