#include "cli/diff_command.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "exec/probe_round.h"
#include "compose/child_process.h"
#include "core/errors.h"
#include "core/user_file.h"
#include "exec/interrupt.h"
#include "exec/leftovers.h"
#include "reports/topology/diff_risk.h"
#include "reports/topology/topology_render.h"
#include "project/project_stack.h"
#include "topology/topology_diff.h"

namespace meshprobe {
namespace {

namespace fs = std::filesystem;

// The model with its paths as classes; a model that is not large also with its per-pair paths,
// which diff_topologies compares when both sides have them.
Topology topology_of(const std::string& contract, const GlobalOptions& global, const ComposeFlags& flags) {
    const auto [loaded, env, model, elsewhere] = load_project(contract, global.environment, global.orchestrator, flags);
    Topology topology = build_topology(loaded, model, env, PathForm::classes);
    if (!is_large(topology)) expand_paths(topology, loaded, model);
    return topology;
}

// A folder of meshprobe's, removed when it goes out of scope (a killed diff's is swept by the
// next run or `clean`, like a run's).
class TemporaryFolder {
public:
    TemporaryFolder() : path_(make_run_folder(new_run_id())) {}
    ~TemporaryFolder() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TemporaryFolder(const TemporaryFolder&) = delete;
    TemporaryFolder& operator=(const TemporaryFolder&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

ChildResult git(const std::vector<std::string>& args) {
    const std::string program = find_program("git", path_directories());
    if (program.empty()) throw InfraError("--base needs git, which is not on the PATH");
    return run_child({program, args, std::chrono::milliseconds(120'000), &interrupted(), {}});
}

// The repository's files at a revision, unpacked into a folder of meshprobe's.
struct Checkout {
    std::string root;      // the repository's top level, symbolic links resolved
    std::string files;     // its files at the revision
    std::string contract;  // the contract's path among them
};

// The repository's files at `revision`, written into `into` with `git archive`: the user's
// work tree, index and branches are never touched.
Checkout checkout_at(const std::string& contract, const std::string& revision, const std::string& into) {
    const fs::path contract_path = fs::absolute(contract).lexically_normal();
    const std::string folder = contract_path.parent_path().string();
    ChildResult top = git({"-C", folder, "rev-parse", "--show-toplevel"});
    if (!top.ok()) throw InputError("--base " + revision + ": " + contract + " is not in a git repository");
    std::string root = top.out.substr(0, top.out.find_last_not_of("\r\n") + 1);
    ChildResult known = git({"-C", root, "rev-parse", "--verify", "--quiet", revision + "^{commit}"});
    if (!known.ok()) throw InputError("--base " + revision + ": git knows no such revision in " + root);
    const std::string tar = into + "/base.tar";
    ChildResult archive = git({"-C", root, "archive", "--format=tar", "-o", tar, revision});
    if (!archive.ok()) throw InfraError("git archive " + revision + " failed: " + archive.combined());
    const std::string files = into + "/files";
    fs::create_directories(files);
    ChildResult untar = run_child({find_program("tar", path_directories()), {"-xf", tar, "-C", files},
                                   std::chrono::milliseconds(120'000), &interrupted(), {}});
    if (!untar.ok()) throw InfraError("cannot unpack the files of " + revision + ": " + untar.combined());
    // The real path: git names the top level with symbolic links resolved.
    const fs::path relative = fs::canonical(contract_path).lexically_relative(fs::canonical(root));
    const fs::path there = fs::path(files) / relative;
    if (!fs::exists(there)) throw InputError("--base " + revision + ": " + relative.string() + " did not exist at " + revision);
    return {fs::canonical(root).string(), files, there.string()};
}

// A path compose's flags name, as it was at the revision: one inside the repository is read
// from the checkout, one outside it (an env file kept elsewhere) as it is.
std::string at_revision(const std::string& path, const Checkout& checkout) {
    std::error_code error;
    fs::path real = fs::weakly_canonical(fs::absolute(path), error);
    if (error) real = fs::absolute(path).lexically_normal();
    const fs::path relative = real.lexically_relative(checkout.root);
    if (relative.empty() || *relative.begin() == "..") return real.string();
    return (fs::path(checkout.files) / relative).lexically_normal().string();
}

// Compose's flags for the base side of `diff --base`: the same flags, their files those of the
// revision.
ComposeFlags flags_at_revision(ComposeFlags flags, const Checkout& checkout) {
    for (std::string& file : flags.files) file = at_revision(file, checkout);
    for (std::string& file : flags.env_files) file = at_revision(file, checkout);
    if (!flags.project_directory.empty()) flags.project_directory = at_revision(flags.project_directory, checkout);
    return flags;
}

bool fails(const DiffOptions& options, const TopologyDiff& diff) {
    auto asked = [&](const char* what) {
        return std::find(options.fail_on.begin(), options.fail_on.end(), what) != options.fail_on.end();
    };
    const DiffRisk risk = diff_risk(diff);
    if ((asked("any") || options.fail_on_new_paths) && !diff.empty()) return true;
    if (asked("none")) return false;
    return (asked("forbidden") && risk.forbidden_added > 0) || (asked("published") && risk.open_ports_added > 0);
}

}  // namespace

void add_diff_command(CLI::App& app, DiffOptions& options) {
    CLI::App* cmd = app.add_subcommand("diff", "the change in topology from a git revision or another contract to this one");
    auto* base = cmd->add_option("--base", options.base, "a git revision: the contract and compose files as they were there");
    auto* against = cmd->add_option("--against", options.against, "another contract to compare with");
    base->excludes(against);
    cmd->add_option("--format", options.format, "text, json or markdown (default text)")
        ->check(CLI::IsMember({"text", "json", "markdown"}));
    cmd->add_option("--output", options.output, "write it to this file instead of standard output");
    cmd->add_option("--fail-on", options.fail_on,
                    "exit 1 on: forbidden (a forbidden path newly carried), published (a port newly published on all "
                    "addresses), any (any change) or none; comma-separated (default forbidden,published)")
        ->delimiter(',')
        ->check(CLI::IsMember({"forbidden", "published", "any", "none"}));
    // Before --fail-on: kept for the scripts that use it, out of --help.
    cmd->add_flag("--fail-on-new-paths", options.fail_on_new_paths, "deprecated: --fail-on any")->group("");
}

int diff_command(const GlobalOptions& global, const DiffOptions& options) {
    if (options.base.empty() && options.against.empty()) {
        throw InputError("diff needs --base GIT_REV or --against OTHER_CONTRACT");
    }
    // Compose's flags apply to both sides (docs/commands.md); with --base, to the files as they
    // were at the revision.
    const Topology after = topology_of(global.contract, global, global.compose);
    Topology before;
    if (!options.against.empty()) {
        before = topology_of(options.against, global, global.compose);
    } else {
        TemporaryFolder folder;
        const Checkout checkout = checkout_at(global.contract, options.base, folder.path());
        before = topology_of(checkout.contract, global, flags_at_revision(global.compose, checkout));
    }
    // Large models are compared by class: the pairs are too many to build, and too many to read.
    const TopologyDiff diff =
        is_large(before) || is_large(after) ? diff_topology_classes(before, after) : diff_topologies(before, after);
    if (options.format == "json") {
        write_output(diff_json(diff, before, after).dump(2) + "\n", options.output);
    } else if (options.format == "markdown") {
        write_output(diff_markdown(diff, before, after), options.output);
    } else {
        write_output(diff_text(diff, before, after), options.output);
    }
    return fails(options, diff) ? kExitViolations : kExitConformant;
}

}  // namespace meshprobe
