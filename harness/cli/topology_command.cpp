#include "cli/topology_command.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <optional>

#include "core/errors.h"
#include "core/user_file.h"
#include "reports/topology/topology_render.h"
#include "project/project_stack.h"
#include "topology/live_topology.h"

namespace meshprobe {

void add_topology_command(CLI::App& app, TopologyOptions& options) {
    CLI::App* cmd = app.add_subcommand("topology", "print the stack's topology model: tiers, networks, services and every path with its verdict");
    cmd->add_option("--format", options.format, "json, mermaid or dot (default json)")
        ->check(CLI::IsMember({"json", "mermaid", "dot"}));
    cmd->add_option("--output", options.output, "write it to this file instead of standard output");
    cmd->add_flag("--live", options.live, "from the running stack: what the engine has attached now, with addresses and bindings");
    cmd->add_option("--paths", options.paths,
                    "the JSON's paths: pairs (one per source, target and port) or classes (per group of alike services); "
                    "default pairs up to 200 services and 10,000 paths, classes past that")
        ->check(CLI::IsMember({"pairs", "classes"}));
}

int topology_command(const GlobalOptions& global, const TopologyOptions& options) {
    const auto [contract, environment, model, elsewhere] = load_project(global.contract, global.environment, global.orchestrator, global.compose);
    std::optional<LiveStack> live;
    if (options.live) live = running_stack(global.docker_host, global.orchestrator, model, contract.project);
    Topology topology = live ? build_live_topology(contract, model, environment, *live, PathForm::classes)
                             : build_topology(contract, model, environment, PathForm::classes);
    // Pairs are built only where they are shown: in the JSON's per-pair form, or as the
    // service-level edges of a graph that is not large.
    const PathForm form = options.paths == "pairs" || (options.paths.empty() && !is_large(topology)) ? PathForm::pairs
                                                                                                     : PathForm::classes;
    const bool pairs_shown = options.format == "json" ? form == PathForm::pairs : !is_large(topology);
    if (options.format == "json" && form == PathForm::pairs && pair_count(topology) > kMostPairs) {
        throw InputError(fmt::format("--paths pairs: the model has {} paths, more than the {} that can be printed one by "
                                     "one; --paths classes prints them by class",
                                     pair_count(topology), kMostPairs));
    }
    if (pairs_shown && live) expand_live_paths(topology, contract, model, *live);
    if (pairs_shown && !live) expand_paths(topology, contract, model);
    std::string text;
    if (options.format == "mermaid") {
        text = to_mermaid(topology);
    } else if (options.format == "dot") {
        text = to_dot(topology);
    } else {
        nlohmann::json json;
        to_json(json, topology, form);
        text = json.dump(2) + "\n";
    }
    write_output(text, options.output);
    return 0;
}

}  // namespace meshprobe
