#include "cli/topology_command.h"

#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>

#include "contract/contract_loader.h"
#include "core/errors.h"
#include "reports/topology/topology_render.h"
#include "rules/model_source.h"

namespace meshprobe {

void add_topology_command(CLI::App& app, TopologyOptions& options) {
    CLI::App* cmd = app.add_subcommand("topology", "print the stack's topology model: tiers, networks, services and every path with its verdict");
    cmd->add_option("--format", options.format, "json, mermaid or dot (default json)")
        ->check(CLI::IsMember({"json", "mermaid", "dot"}));
    cmd->add_option("--output", options.output, "write it to this file instead of standard output");
}

int topology_command(const GlobalOptions& global, const TopologyOptions& options) {
    Contract contract = load_contract(global.contract);
    const std::string environment = environments_to_check(contract, global.environment, false).front();
    ComposeModel model = compose_file_source()(environment_project(contract, environment));
    std::vector<std::string> names;
    for (const ComposeService& service : model.services) names.push_back(service.name);
    validate_against_compose(contract, names);

    Topology topology = build_topology(contract, model, environment);
    std::string text;
    if (options.format == "mermaid") {
        text = to_mermaid(topology);
    } else if (options.format == "dot") {
        text = to_dot(topology);
    } else {
        text = nlohmann::json(topology).dump(2) + "\n";
    }
    if (options.output.empty()) {
        std::cout << text;
        return 0;
    }
    std::ofstream file(options.output, std::ios::binary | std::ios::trunc);
    if (!(file << text) || !file.flush()) throw InputError("cannot write " + options.output);
    return 0;
}

}  // namespace meshprobe
