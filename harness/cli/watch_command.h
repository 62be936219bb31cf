#pragma once
#include <string>

#include "cli/global_options.h"

namespace CLI {
class App;
}

namespace meshprobe {

struct WatchOptions {
    int interval_seconds = 60;  // between probe rounds
    std::string log;            // the violation log to append to; empty: standard output only
    std::string metrics = "127.0.0.1:9464";
    bool metrics_given = false;
    std::string webhook;        // POST each new and resolved violation there
    bool once = false;          // one judgement and one probe round, then exit
};

// Registers `meshprobe watch` and its flags on the application.
void add_watch_command(CLI::App& app, WatchOptions& options);

// `meshprobe watch` (docs/watch.md): follows the engine's events and judges the running stack
// on the live topology model after each, re-probes it every interval, and writes each violation
// as it opens and as it is resolved. Runs until SIGINT or SIGTERM (exit 0, its probes removed);
// with --once exits 0 when nothing is open, 1 otherwise. 2 for input errors, 3 when the stack
// is not running or a flag's address cannot be served.
int watch_command(const GlobalOptions& global, const WatchOptions& options, const std::string& argv0);

}  // namespace meshprobe
