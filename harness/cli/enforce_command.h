#pragma once
#include <string>

#include "cli/global_options.h"

namespace CLI {
class App;
}

namespace meshprobe {

struct EnforceOptions {
    std::string format = "nft";  // nft | json: how the ruleset is printed
    bool apply = false;          // install the project's table
    bool remove = false;         // delete the project's table
    bool check = false;          // say what --apply would change; exit 1 when it would
};

// Registers `meshprobe enforce` and its flags on the application.
void add_enforce_command(CLI::App& app, EnforceOptions& options);

// `meshprobe enforce` (docs/enforce.md): prints, installs, checks or removes the project's
// nftables table. Exit 0; 1 for --check when the installed table differs; 2 for input errors
// and stacks it cannot enforce; 3 when the engine or nftables cannot be used.
int enforce_command(const GlobalOptions& global, const EnforceOptions& options);

}  // namespace meshprobe
