#include "cli/docs_command.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/errors.h"
#include "core/text_lines.h"
#include "core/user_file.h"
#include "reports/topology/network_doc.h"
#include "rules/check_run.h"
#include "project/project_stack.h"

namespace meshprobe {
namespace {

// The lines only one side has, in order: enough to see what moved without a diff tool.
std::string changes(const std::string& committed, const std::string& fresh) {
    const std::vector<std::string> old_lines = lines_of(committed), new_lines = lines_of(fresh);
    std::multiset<std::string> in_old(old_lines.begin(), old_lines.end()), in_new(new_lines.begin(), new_lines.end());
    std::string out;
    int shown = 0;
    for (const std::string& line : old_lines) {
        if (in_new.count(line)) continue;
        if (shown++ < 40) out += "  - " + line + "\n";
    }
    for (const std::string& line : new_lines) {
        if (in_old.count(line)) continue;
        if (shown++ < 40) out += "  + " + line + "\n";
    }
    if (shown > 40) out += "  ... and " + std::to_string(shown - 40) + " more\n";
    return out;
}

// Links to the stack's files from the document's folder: relative, unless a base URL is given.
std::string link_base(const std::string& base_url, const std::string& contract_dir, const std::string& document) {
    if (!base_url.empty()) return base_url.back() == '/' ? base_url : base_url + "/";
    namespace fs = std::filesystem;
    const fs::path from = fs::absolute(fs::path(document)).parent_path().lexically_normal();
    const fs::path way = fs::absolute(fs::path(contract_dir)).lexically_normal().lexically_relative(from);
    return way.empty() || way == "." ? "" : way.generic_string() + "/";
}

}  // namespace

void add_docs_command(CLI::App& app, DocsOptions& options) {
    CLI::App* cmd = app.add_subcommand("docs", "write the network design document (Markdown) of the stack");
    cmd->add_option("--output", options.output, "the file (default NETWORK.md beside the contract)");
    cmd->add_flag("--check", options.check, "write nothing; exit 1 when the file is missing or stale, saying what changed");
    cmd->add_option("--base-url", options.base_url,
                    "links to the contract and compose lines start with this URL (the contract's folder as a browser shows "
                    "it); default: links relative to the document");
    cmd->add_option("--level", options.level,
                    "the diagram's nodes: service (services in tier clusters) or tier; default service up to 40 services "
                    "and 120 edges, tier past that")
        ->check(CLI::IsMember({"tier", "service"}));
}

int docs_command(const GlobalOptions& global, const DocsOptions& options) {
    const auto [contract, environment, model, elsewhere] = load_project(global.contract, global.environment, global.orchestrator, global.compose);
    // Its per-pair paths only for the diagram of a stack small enough to draw them.
    Topology topology = build_topology(contract, model, environment, PathForm::classes);
    if (options.level == "service" && pair_count(topology) > kMostPairs) {
        throw InputError(fmt::format("--level service: the model has {} paths, more than the {} that can be drawn one by "
                                     "one; --level tier draws the tiers",
                                     pair_count(topology), kMostPairs));
    }
    if (!is_large(topology) || options.level == "service") expand_paths(topology, contract, model);
    const Reachability policy(contract, declared_ports(contract, model));
    std::set<std::string> defined = defined_services(model);
    for (const auto& [service, there] : elsewhere) defined.insert(service);
    const std::string path = options.output.empty() ? (std::filesystem::path(contract.dir) / "NETWORK.md").string() : options.output;
    NetworkDocOptions doc_options{link_base(options.base_url, contract.dir, path), std::nullopt};
    if (!options.level.empty()) doc_options.level = options.level == "tier" ? GraphLevel::tier : GraphLevel::service;
    const std::string text =
        network_doc(topology, contract, policy, check_environment(contract, model, environment, defined), doc_options);

    if (options.check) {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            std::cerr << "meshprobe: " << path << " does not exist: run `meshprobe docs` and commit it\n";
            return kExitViolations;
        }
        std::stringstream committed;
        committed << in.rdbuf();
        if (committed.str() == text) {
            if (!global.quiet) std::cerr << "meshprobe: " << path << " is up to date\n";
            return kExitConformant;
        }
        std::cerr << "meshprobe: " << path << " is stale: the contract or the compose files changed since it was written. "
                  << "Run `meshprobe docs` and commit it. Lines that changed:\n" << changes(committed.str(), text);
        return kExitViolations;
    }
    write_output(text, path);
    if (!global.quiet) std::cerr << "meshprobe: wrote " << path << "\n";
    return kExitConformant;
}

}  // namespace meshprobe
