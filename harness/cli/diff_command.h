#pragma once
#include <string>

#include "cli/global_options.h"

namespace CLI {
class App;
}

namespace meshprobe {

struct DiffOptions {
    std::string base;     // a git revision: the contract and compose files as they were there
    std::string against;  // another contract
    std::string format = "text";  // text | json | markdown
    std::string output;           // empty: standard output
    bool fail_on_new_paths = false;
};

// Registers `meshprobe diff` and its flags on the application.
void add_diff_command(CLI::App& app, DiffOptions& options);

// `meshprobe diff`: the change in topology from the base (a git revision of the repository the
// contract lives in, or another contract) to the contract as it is now. Exit 0; 1 with
// --fail-on-new-paths when a path was added; 2 for input errors (also a revision git does not
// know, or a contract that did not exist there).
int diff_command(const GlobalOptions& global, const DiffOptions& options);

}  // namespace meshprobe
