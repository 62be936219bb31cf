// meshprobe: proves a Docker Compose application's network design against its contract.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/audit_command.h"
#include "cli/check_command.h"
#include "cli/clean_command.h"
#include "cli/diff_command.h"
#include "cli/docs_command.h"
#include "cli/explain_command.h"
#include "cli/global_options.h"
#include "cli/init_command.h"
#include "cli/run_command.h"
#include "cli/topology_command.h"
#include "cli/watch_command.h"
#include "core/errors.h"
#include "core/cancelled.h"
#include "exec/interrupt.h"

using namespace meshprobe;

namespace {

void add_global_flags(CLI::App& app, GlobalOptions& global) {
    app.add_option("-c,--contract", global.contract, "the contract (default ./mesh.yaml)");
    app.add_option("-e,--env", global.environment, "an environment of the contract (compose.environments)");
    app.add_option("--docker-host", global.docker_host, "the engine: unix:///path or tcp://host:port (default $DOCKER_HOST, else the local socket)");
    app.add_flag("-q,--quiet", global.quiet, "print nothing but errors");
    app.add_flag("-v,--verbose", global.verbose, "say what is being done");
    app.add_flag("--no-color", global.no_color, "no colours, even on a terminal");
}

}  // namespace

int main(int argc, char** argv) {
    install_interrupt_handlers();
    CLI::App app{"meshprobe: prove a Docker Compose application's network design against its contract"};
    app.set_version_flag("--version", std::string("meshprobe ") + MESHPROBE_VERSION);
    app.require_subcommand(0, 1);
    app.fallthrough();  // global flags also after the command: `meshprobe run -v`
    GlobalOptions global;
    RunOptions run;
    CheckOptions check;
    CleanOptions clean;
    TopologyOptions topology;
    ExplainOptions explain;
    WatchOptions watch;
    DiffOptions diff;
    AuditOptions audit;
    DocsOptions docs;
    InitOptions init;
    std::string unknown_command;
    app.add_option("command", unknown_command)->group("");  // only to name a mistyped command
    add_global_flags(app, global);
    add_run_command(app, run);
    add_check_command(app, check);
    add_clean_command(app, clean);
    add_topology_command(app, topology);
    add_explain_command(app, explain);
    add_watch_command(app, watch);
    add_diff_command(app, diff);
    add_audit_command(app, audit);
    add_docs_command(app, docs);
    add_init_command(app, init);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "meshprobe: " << e.what() << "\n(meshprobe --help lists the commands and flags)\n";
        return kExitInputError;
    }

    if (app.get_subcommands().empty()) {
        std::cerr << "meshprobe: " << (unknown_command.empty() ? "a command is required" : "unknown command '" + unknown_command + "'")
                  << " (commands: init, check, run, topology, explain, diff, audit, docs, watch, clean; meshprobe --help says more)\n";
        return kExitInputError;
    }
    if (!unknown_command.empty()) {
        // A word after the command that no flag takes: `run --standin extra` is a slip, not a run.
        std::cerr << "meshprobe: unexpected argument '" << unknown_command << "' (meshprobe "
                  << app.get_subcommands().front()->get_name() << " --help lists its flags)\n";
        return kExitInputError;
    }
    try {
        if (app.got_subcommand("run")) return run_command(global, run, argv[0]);
        if (app.got_subcommand("check")) return check_command(global, check);
        if (app.got_subcommand("clean")) return clean_command(global, clean);
        if (app.got_subcommand("topology")) return topology_command(global, topology);
        if (app.got_subcommand("explain")) return explain_command(global, explain, argv[0]);
        if (app.got_subcommand("watch")) return watch_command(global, watch, argv[0]);
        if (app.got_subcommand("diff")) return diff_command(global, diff);
        if (app.got_subcommand("audit")) return audit_command(global, audit);
        if (app.got_subcommand("docs")) return docs_command(global, docs);
        if (app.got_subcommand("init")) return init_command(global, init);
    } catch (const InputError& e) {
        std::cerr << "meshprobe: " << e.what() << "\n";
        return kExitInputError;
    } catch (const InfraError& e) {
        std::cerr << "meshprobe: " << e.what() << "\n";
        if (!e.detail().empty() && !global.quiet) std::cerr << e.detail() << "\n";
        return kExitInfraError;
    } catch (const Cancelled&) {
        std::cerr << "meshprobe: interrupted; everything it created was removed\n";
        return interrupted_exit_code();
    } catch (const std::exception& e) {
        std::cerr << "meshprobe: internal error: " << e.what() << "\n";
        return kExitInfraError;
    }
    return kExitInputError;
}
