#pragma once
#include <string>
#include <vector>

#include "cli/global_options.h"

namespace CLI {
class App;
}

namespace meshprobe {

struct RunOptions {
    bool no_up = false;
    bool keep = false;
    bool standin = false;
    std::vector<std::string> suites;          // empty: all
    std::string junit, json, markdown;        // report files
    std::vector<std::string> egress_targets;  // added to the contract's probe.egress_targets
    int wait_seconds = 120;                   // for the stack to run and be healthy
};

// Registers `meshprobe run` and its flags on the application.
void add_run_command(CLI::App& app, RunOptions& options);

// `meshprobe run`: the conformance harness. Returns the exit code of docs/commands.md.
int run_command(const GlobalOptions& global, const RunOptions& options, const std::string& argv0);

}  // namespace meshprobe
