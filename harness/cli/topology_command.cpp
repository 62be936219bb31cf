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
    cmd->add_option("--level", options.level,
                    "the graph's nodes: service (services in tier clusters) or tier (tiers); default service up to 40 "
                    "services and 120 edges, tier past that")
        ->check(CLI::IsMember({"tier", "service"}));
}

namespace {

// The graph at the level asked for, or the default one; Mermaid refuses more than kMermaidEdges.
std::string graph_text(const Topology& topology, const TopologyOptions& options) {
    const GraphLevel level = options.level.empty() ? default_level(topology)
                             : options.level == "tier" ? GraphLevel::tier
                                                       : GraphLevel::service;
    if (options.format == "dot") return to_dot(topology, level);
    const std::size_t edges = graph_edge_count(topology, level);
    if (edges > kMermaidEdges) {
        throw InputError(fmt::format("--level {}: the graph has {} edges, more than the {} Mermaid draws; --level tier or "
                                     "--format dot draw it",
                                     level == GraphLevel::tier ? "tier" : "service", edges, kMermaidEdges));
    }
    return to_mermaid(topology, level);
}

}  // namespace

int topology_command(const GlobalOptions& global, const TopologyOptions& options) {
    const auto [contract, environment, model, elsewhere] = load_project(global.contract, global.environment, global.orchestrator, global.compose);
    std::optional<LiveStack> live;
    if (options.live) live = running_stack(global.docker_host, global.orchestrator, model, contract.project);
    Topology topology = live ? build_live_topology(contract, model, environment, *live, PathForm::classes)
                             : build_topology(contract, model, environment, PathForm::classes);
    // Pairs are built only where they are shown: in the JSON's per-pair form, or as the
    // service-level edges of a graph (asked for, or by default when the model is not large).
    const PathForm form = options.paths == "pairs" || (options.paths.empty() && !is_large(topology)) ? PathForm::pairs
                                                                                                     : PathForm::classes;
    const bool graph = options.format != "json";
    const bool pairs_shown = graph ? options.level == "service" || (options.level.empty() && !is_large(topology))
                                   : form == PathForm::pairs;
    if (pairs_shown && pair_count(topology) > kMostPairs) {
        throw InputError(fmt::format("{}: the model has {} paths, more than the {} that can be drawn or printed one by "
                                     "one; {}",
                                     graph ? "--level service" : "--paths pairs", pair_count(topology), kMostPairs,
                                     graph ? "--level tier draws the tiers" : "--paths classes prints them by class"));
    }
    if (pairs_shown && live) expand_live_paths(topology, contract, model, *live);
    if (pairs_shown && !live) expand_paths(topology, contract, model);
    std::string text;
    if (graph) {
        text = graph_text(topology, options);
    } else {
        nlohmann::json json;
        to_json(json, topology, form);
        text = json.dump(2) + "\n";
    }
    write_output(text, options.output);
    return 0;
}

}  // namespace meshprobe
