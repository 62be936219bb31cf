#pragma once
#include <string>

#include "cli/global_options.h"

namespace CLI {
class App;
}

namespace meshprobe {

struct LearnOptions {
    std::string duration = "30s";  // how long to record: 30s, 5m, 1h, or seconds
    std::string format = "text";   // text | json | markdown
    std::string output;            // a file instead of stdout
    bool suggest = false;          // the contract edits instead of the report
};

// Registers `meshprobe learn` and its flags on the application.
void add_learn_command(CLI::App& app, LearnOptions& options);

// `meshprobe learn` (docs/learn.md): records the running stack's connections between services
// and to the outside for --duration or until Ctrl-C, and reports each with its count and
// whether the contract declares it. Exit 0 when every flow seen is declared, 1 when one is not,
// 2 for input errors, 3 when the kernel's events or the stack cannot be read.
int learn_command(const GlobalOptions& global, const LearnOptions& options);

}  // namespace meshprobe
