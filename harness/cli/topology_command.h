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
};

// Registers `meshprobe topology` and its flags on the application.
void add_topology_command(CLI::App& app, TopologyOptions& options);

// `meshprobe topology`: prints the topology model of one environment (SPEC section 9).
// Exit 0, or 2 for input errors.
int topology_command(const GlobalOptions& global, const TopologyOptions& options);

}  // namespace meshprobe
