#pragma once
#include <string>
#include <vector>

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
    // What makes it exit 1: forbidden (a forbidden path newly carried), published (a port newly
    // published on all addresses), any (any change), none.
    std::vector<std::string> fail_on{"forbidden", "published"};
    bool fail_on_new_paths = false;  // deprecated: --fail-on any
};

// Registers `meshprobe diff` and its flags on the application.
void add_diff_command(CLI::App& app, DiffOptions& options);

// `meshprobe diff`: the change in topology from the base (a git revision of the repository the
// contract lives in, or another contract) to the contract as it is now. Exit 1 when the
// change is one --fail-on names, else 0; 2 for input errors (also a revision git does not
// know, or a contract that did not exist there).
int diff_command(const GlobalOptions& global, const DiffOptions& options);

}  // namespace meshprobe
