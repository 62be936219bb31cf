#pragma once
#include <string>

#include "cli/global_options.h"

namespace CLI {
class App;
}

namespace meshprobe {

struct AuditOptions {
    std::string format = "text";  // text | json | sarif | markdown
    std::string output;           // empty: standard output
    bool live = false;            // the engine's bindings and the host's listening sockets
    bool lan_probe = false;       // and connects to each binding from an outside host (implies live)
};

// Registers `meshprobe audit` and its flags on the application.
void add_audit_command(CLI::App& app, AuditOptions& options);

// `meshprobe audit`: every published port with its service, tier, address, whether the
// contract allows it and its risk; with --live the engine's bindings instead of the compose
// files', and every socket listening on the host with the binding that explains it. Exit 1
// when an exposure breaks the contract, 0 otherwise, 2 for input errors, 3 when --live finds
// no engine or no container of the project, or when --lan-probe cannot make its outside host.
int audit_command(const GlobalOptions& global, AuditOptions options);

}  // namespace meshprobe
