#pragma once
#include <string>

#include "cli/global_options.h"

namespace CLI {
class App;
}

namespace meshprobe {

struct TopologyOptions {
    std::string format = "json";  // json | mermaid | dot
    std::string output;           // empty: standard output
    bool live = false;            // from the running stack: what is attached now, with addresses
    std::string paths;            // pairs | classes; empty: pairs up to the size of is_large (topology.h)
    std::string level;            // tier | service (graphs); empty: default_level (topology_render.h)
};

// Registers `meshprobe topology` and its flags on the application.
void add_topology_command(CLI::App& app, TopologyOptions& options);

// `meshprobe topology`: prints the topology model of one environment (docs/commands.md, topology).
// Exit 0, 2 for input errors, 3 when --live finds no engine or no container of the project.
int topology_command(const GlobalOptions& global, const TopologyOptions& options);

}  // namespace meshprobe
