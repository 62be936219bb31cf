#pragma once
#include <string>

#include "cli/global_options.h"

namespace CLI {
class App;
}

namespace meshprobe {

struct ExplainOptions {
    std::string from;    // a service
    std::string to;      // a service, optionally ":PORT"
    std::string format = "text";  // text | json
    bool live = false;            // the paths as attached now, and what a probe sees on each
};

// Registers `meshprobe explain FROM TO[:PORT]` and its flags on the application.
void add_explain_command(CLI::App& app, ExplainOptions& options);

// `meshprobe explain`: whether FROM may reach TO and why, down to the YAML lines. Exit 0 when
// every path asked about is as the contract wants it, 1 when one is forbidden but carried or
// allowed by a flow but carried by no network, 2 for input errors. With --live the paths are
// those of the running stack, and each port is probed from FROM's namespace: exit 1 also when
// a probe sees other than the contract wants, 3 when the probing cannot be done. `argv0` finds
// the probe program.
int explain_command(const GlobalOptions& global, const ExplainOptions& options, const std::string& argv0);

}  // namespace meshprobe
