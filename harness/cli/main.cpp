// meshprobe: proves a Docker Compose application's network design against its contract.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/clean_command.h"
#include "cli/explain_command.h"
#include "cli/global_options.h"
#include "cli/run_command.h"
#include "cli/topology_command.h"
#include "core/errors.h"
#include "engine/cancelled.h"
#include "exec/interrupt.h"
#include "reports/static/check_render.h"
#include "rules/check_command.h"

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

void add_run_command(CLI::App& app, RunOptions& run) {
    CLI::App* cmd = app.add_subcommand("run", "bring the stack up, probe every tier and service, report, tear down");
    cmd->add_flag("--no-up", run.no_up, "probe a stack that is already running; leave it as it is");
    cmd->add_flag("--keep", run.keep, "leave the stack up afterwards");
    cmd->add_flag("--standin", run.standin, "run every service as meshprobe's stand-in on its ports (no application images)");
    cmd->add_option("--suite", run.suites, "run only this suite (repeatable): dns, reach, isolation, egress, ports");
    cmd->add_option("--junit", run.junit, "write a JUnit XML report");
    cmd->add_option("--json", run.json, "write a JSON report");
    cmd->add_option("--markdown", run.markdown, "write a Markdown summary");
    cmd->add_option("--egress-target", run.egress_targets, "an extra egress target host[:port] (repeatable)");
    cmd->add_option("--wait", run.wait_seconds, "seconds to wait for the stack to be running and healthy (default 120)")
        ->check(CLI::Range(1, 3600));
}

void add_check_command(CLI::App& app, CheckOptions& check) {
    CLI::App* cmd = app.add_subcommand("check", "check the compose files against the contract, statically (no Docker needed)");
    cmd->add_flag("--all-envs", check.all_envs, "check every environment of the contract, and compare them (MESH012)");
    cmd->add_option("--format", check.format, "text, json, sarif, junit or github (default text)")
        ->check(CLI::IsMember(check_formats()));
    cmd->add_option("--output", check.output, "write the report to this file instead of standard output");
}

void add_clean_command(CLI::App& app, CleanOptions& clean) {
    CLI::App* cmd = app.add_subcommand("clean", "remove what meshprobe left of the project (probes, stand-ins, their networks, temporary folders)");
    cmd->add_flag("--all", clean.all, "every project's leftovers, not only the contract's");
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
    std::string unknown_command;
    app.add_option("command", unknown_command)->group("");  // only to name a mistyped command
    add_global_flags(app, global);
    add_run_command(app, run);
    add_check_command(app, check);
    add_clean_command(app, clean);
    add_topology_command(app, topology);
    add_explain_command(app, explain);

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
                  << " (commands: run, check, topology, explain, clean; meshprobe --help says more)\n";
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
        if (app.got_subcommand("explain")) return explain_command(global, explain);
    } catch (const InputError& e) {
        std::cerr << "meshprobe: " << e.what() << "\n";
        return kExitInputError;
    } catch (const InfraError& e) {
        std::cerr << "meshprobe: " << e.what() << "\n";
        if (!e.detail().empty() && !global.quiet) std::cerr << e.detail() << "\n";
        return kExitInfraError;
    } catch (const Cancelled&) {
        std::cerr << "meshprobe: interrupted; everything it created was removed\n";
        return 130;
    } catch (const std::exception& e) {
        std::cerr << "meshprobe: internal error: " << e.what() << "\n";
        return kExitInfraError;
    }
    return kExitInputError;
}
