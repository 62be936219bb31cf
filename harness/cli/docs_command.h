#pragma once
#include <string>

#include "cli/global_options.h"

namespace CLI {
class App;
}

namespace meshprobe {

struct DocsOptions {
    std::string output;  // empty: NETWORK.md beside the contract
    bool check = false;  // write nothing; exit 1 when the file is missing or stale
    std::string base_url;  // links to the stack's files start with it; empty: relative links
    std::string level;     // the diagram's: tier | service; empty: default_level (topology_render.h)
};

// Registers `meshprobe docs` and its flags on the application.
void add_docs_command(CLI::App& app, DocsOptions& options);

// `meshprobe docs`: writes the network design document of one environment. With --check it
// writes nothing and exits 1 when the file is missing or differs from what would be written,
// saying which lines changed. Exit 0, 1 (stale), 2 for input errors.
int docs_command(const GlobalOptions& global, const DocsOptions& options);

}  // namespace meshprobe
