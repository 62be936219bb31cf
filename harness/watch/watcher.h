#pragma once
#include <string>

#include "core/console.h"
#include "project/compose_flags.h"

namespace meshprobe::watch {

// What `meshprobe watch` takes from its flags (docs/watch.md).
struct WatchOptions {
    int interval_seconds = 60;  // between probe rounds
    std::string log;            // the violation log to append to; empty: standard output only
    std::string metrics = "127.0.0.1:9464";
    bool metrics_given = false;
    std::string webhook;        // POST each new and resolved violation there
    std::string github_issues;  // OWNER/REPO: an issue per violation there (GITHUB_TOKEN, GITHUB_API_URL)
    bool once = false;          // one judgement and one probe round, then exit
};

// The stack to watch: the contract and its environment, the engine, the orchestrator.
struct WatchTarget {
    std::string contract;
    std::string environment;
    std::string docker_host;   // empty: $DOCKER_HOST, else the local socket
    std::string orchestrator;  // as --orchestrator names it
    ComposeFlags compose;      // compose's own options (project/compose_view.h)
};

// The watch engine: follows the orchestrator's events on the engine and judges the running
// stack on the live topology model after each, re-probes it every interval, and writes each
// violation as it opens and as it is resolved. Runs until SIGINT or SIGTERM (returns 0, its
// probes removed); with `once` returns 0 when nothing is open, 1 otherwise. Throws InputError
// for the contract's mistakes, InfraError when the stack is not running or a flag's address
// cannot be served.
int watch(const WatchTarget& target, const WatchOptions& options, const Console& console, const std::string& argv0);

}  // namespace meshprobe::watch
