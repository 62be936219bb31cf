// meshprobe: proves a Docker Compose application's network design against its contract.
#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/compose_flags.h"
#include "cli/global_options.h"
#include "core/cancelled.h"
#include "core/errors.h"
#include "exec/interrupt.h"
#include "orchestrator/orchestrators.h"

using namespace meshprobe;

namespace {

void add_global_flags(CLI::App& app, GlobalOptions& global) {
    app.add_option("-c,--contract", global.contract, "the contract (default ./mesh.yaml)");
    app.add_option("-e,--env", global.environment, "an environment of the contract (compose.environments)");
    app.add_option("--docker-host", global.docker_host, "the engine: unix:///path or tcp://host:port (default $DOCKER_HOST, else the local socket)");
    app.add_option("-o,--orchestrator", global.orchestrator, "what deploys and runs the stack: compose (the default; the only one yet)");
    app.add_flag("-q,--quiet", global.quiet, "print nothing but errors");
    app.add_flag("-v,--verbose", global.verbose, "say what is being done");
    app.add_flag("--no-color", global.no_color, "no colours, even on a terminal");
    add_compose_flags(app, global);
}

std::string command_names() {
    std::string out;
    for (const CommandRow& command : command_table()) out += (out.empty() ? "" : ", ") + command.name;
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    install_interrupt_handlers();
    CLI::App app{"meshprobe: prove a Docker Compose application's network design against its contract"};
    app.set_version_flag("--version", std::string("meshprobe ") + MESHPROBE_VERSION);
    app.require_subcommand(0, 1);
    app.fallthrough();  // global flags also after the command: `meshprobe run -v`
    GlobalOptions global;
    std::string unknown_command;
    app.add_option("command", unknown_command)->group("");  // only to name a mistyped command
    add_global_flags(app, global);
    std::map<std::string, CommandCall> calls;
    for (const CommandRow& command : command_table()) calls[command.name] = command.add(app);

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
                  << " (commands: " << command_names() << "; meshprobe --help says more)\n";
        return kExitInputError;
    }
    const std::string name = app.get_subcommands().front()->get_name();
    if (!unknown_command.empty()) {
        // A word after the command that no flag takes: `run --standin extra` is a slip, not a run.
        std::cerr << "meshprobe: unexpected argument '" << unknown_command << "' (meshprobe " << name
                  << " --help lists its flags)\n";
        return kExitInputError;
    }
    try {
        require_known_orchestrator(global.orchestrator);
        return calls.at(name)({global, argv[0]});
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
}
