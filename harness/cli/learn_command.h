#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "cli/global_options.h"
#include "core/stack_model.h"
#include "learn/flow_table.h"
#include "live/stack.h"

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

// What `learn` and `init --learn` record: the flows seen, and the stack as it ran last.
struct Recording {
    std::vector<SeenFlow> flows;
    LiveStack live;
    long seconds = 0;
    bool interrupted = false;  // Ctrl-C ended it
    long overflows = 0;        // times the kernel dropped events
};

// Records the running stack of `project` for `duration` or until Ctrl-C, under the project's
// lock. InfraError when the kernel's events or the stack cannot be read (docs/learn.md).
Recording record_running_stack(const GlobalOptions& global, const StackModel& model, const std::string& project,
                               std::chrono::seconds duration);

// Registers `meshprobe learn` and its flags on the application.
void add_learn_command(CLI::App& app, LearnOptions& options);

// `meshprobe learn` (docs/learn.md): records the running stack's connections between services
// and to the outside for --duration or until Ctrl-C, and reports each with its count and
// whether the contract declares it. Exit 0 when every flow seen is declared, 1 when one is not,
// 2 for input errors, 3 when the kernel's events or the stack cannot be read.
int learn_command(const GlobalOptions& global, const LearnOptions& options);

}  // namespace meshprobe
