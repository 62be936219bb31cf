#include "cli/commands.h"

#include <memory>
#include <type_traits>

#include "cli/audit_command.h"
#include "cli/check_command.h"
#include "cli/clean_command.h"
#include "cli/completion_command.h"
#include "cli/diff_command.h"
#include "cli/docs_command.h"
#include "cli/explain_command.h"
#include "cli/init_command.h"
#include "cli/learn_command.h"
#include "cli/run_command.h"
#include "cli/topology_command.h"
#include "cli/watch_command.h"
#include "project/project_stack.h"

namespace meshprobe {
namespace {

// A row from a command's two functions: `add` registers its flags into an Options of its
// own, `run` runs it with them (and with argv0, for the commands that start probes).
template <typename Options, typename Run>
CommandRow row(const char* name, void (*add)(CLI::App&, Options&), Run run) {
    return {name, [add, run](CLI::App& app) -> CommandCall {
                auto options = std::make_shared<Options>();
                add(app, *options);
                return [options, run](const Invocation& call) {
                    if constexpr (std::is_invocable_v<Run, const GlobalOptions&, const Options&, const std::string&>) {
                        return run(call.global, *options, call.argv0);
                    } else {
                        return run(call.global, *options);
                    }
                };
            }};
}

}  // namespace

const std::vector<CommandRow>& command_table() {
    static const std::vector<CommandRow> table = {
        row("init", add_init_command, init_command),
        row("check", add_check_command,
            [](const GlobalOptions& global, const CheckOptions& options) {
                // Each environment's stack as the orchestrator renders it (project/project_stack.h).
                return check_command(global, options, rendered_by(global.orchestrator));
            }),
        row("run", add_run_command, run_command),
        row("topology", add_topology_command, topology_command),
        row("explain", add_explain_command, explain_command),
        row("diff", add_diff_command, diff_command),
        row("audit", add_audit_command, audit_command),
        row("docs", add_docs_command, docs_command),
        row("learn", add_learn_command, learn_command),
        row("watch", add_watch_command, watch_command),
        row("clean", add_clean_command, clean_command),
        // Hidden: what the package's shell completions and man page are generated with.
        row("completion", add_completion_command, completion_command),
        row("manpage", add_manpage_command, manpage_command),
    };
    return table;
}

}  // namespace meshprobe
