#pragma once
#include <string>

#include "cli/global_options.h"
#include "project/model_source.h"

namespace CLI {
class App;
}

namespace meshprobe {

struct CheckOptions {
    bool all_envs = false;
    std::string format = "text";  // text | json | sarif | junit | github
    std::string output;           // empty: standard output
    int max_warnings = -1;        // more warnings than this fail the check (exit 1); -1: no limit
    bool strict = false;          // --strict: --max-warnings 0
    std::string rules_url;        // docs/rules.md as published, for SARIF's helpUri; empty: the build's, if any
};

// Registers `meshprobe check` and its flags on the application.
void add_check_command(CLI::App& app, CheckOptions& options);

// `meshprobe check`: the static rules on the compose files of each environment. Returns the
// exit code of docs/commands.md (0 conformant, 1 findings, 2 input errors). This one reads the
// compose files as compose does (model_source.h), without the engine side (the reports' tests).
int check_command(const GlobalOptions& global, const CheckOptions& options);

// The same with the stack models from `source`: the command table passes the orchestrator's
// render (project/project_stack.h, rendered_by); tests pass models built in code.
int check_command(const GlobalOptions& global, const CheckOptions& options, const ModelSource& source);

}  // namespace meshprobe
