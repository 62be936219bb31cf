#pragma once
#include <string>

#include "project/compose_flags.h"

namespace meshprobe {

// The flags every command takes (docs/commands.md).
struct GlobalOptions {
    std::string contract = "mesh.yaml";
    std::string environment;
    std::string docker_host;  // empty: $DOCKER_HOST, else the local socket
    std::string orchestrator = "compose";  // what deploys the stack (orchestrator/orchestrators.h)
    bool quiet = false;
    bool verbose = false;
    bool no_color = false;
    ComposeFlags compose;  // compose's own options (cli/compose_flags.h)
};

}  // namespace meshprobe
