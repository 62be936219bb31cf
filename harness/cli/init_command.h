#pragma once
#include <string>
#include <vector>

#include "cli/global_options.h"

namespace CLI {
class App;
}

namespace meshprobe {

struct InitOptions {
    std::string output = "mesh.yaml";
    std::string metadata;            // a folder for one metadata file per service; empty: none
    bool force = false;              // overwrite existing files
    std::string learn;               // a duration: add what the running stack does (docs/learn.md)
};

// Registers `meshprobe init` and its flags on the application.
void add_init_command(CLI::App& app, InitOptions& options);

// `meshprobe init`: writes a first contract inferred from the compose files compose's view
// settles (global.compose's flags, COMPOSE_* variables, `.env`: the services of the active
// profiles, the project name; project/compose_view.h) (tiers from
// networks, each service's tier, ports, publish, flows from depends_on, links and host:port or
// URL references), with comments saying where each value came from; the written contract is
// loaded back before the command succeeds. With --metadata DIR it writes DIR/<service>.yaml for
// each service as well, all files or none. Exit 0, or 2 (a compose file mistake, or an existing
// output or metadata file without --force).
int init_command(const GlobalOptions& global, const InitOptions& options);

}  // namespace meshprobe
