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
};

// Registers `meshprobe explain FROM TO[:PORT]` and its flags on the application.
void add_explain_command(CLI::App& app, ExplainOptions& options);

// `meshprobe explain`: whether FROM may reach TO and why, down to the YAML lines. Exit 0 when
// every path asked about is as the contract wants it, 1 when one is forbidden but carried or
// allowed by a flow but carried by no network, 2 for input errors.
int explain_command(const GlobalOptions& global, const ExplainOptions& options);

}  // namespace meshprobe
