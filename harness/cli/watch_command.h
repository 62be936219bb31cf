#pragma once
#include <string>

#include "cli/global_options.h"
#include "watch/watcher.h"

namespace CLI {
class App;
}

namespace meshprobe {

using WatchOptions = watch::WatchOptions;

// Registers `meshprobe watch` and its flags on the application.
void add_watch_command(CLI::App& app, WatchOptions& options);

// `meshprobe watch` (docs/watch.md), run by the watch engine (watch/watcher.h). Exit 0 when
// stopped by SIGINT or SIGTERM, or with --once when nothing is open, 1 otherwise; 2 for input
// errors, 3 when the stack is not running or a flag's address cannot be served.
int watch_command(const GlobalOptions& global, const WatchOptions& options, const std::string& argv0);

}  // namespace meshprobe
