// meshprobe: proves a Docker Compose application's network design against its contract.
#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

#include "cli/command_line.h"
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

}  // namespace

int main(int argc, char** argv) {
    install_interrupt_handlers();
    CLI::App app{"meshprobe: prove a Docker Compose application's network design against its contract"};
    app.set_version_flag("--version", std::string("meshprobe ") + MESHPROBE_VERSION);
    app.require_subcommand(0, 1);
    app.fallthrough();  // global flags also after the command: `meshprobe run -v`
    // Words no command or flag takes are kept, not refused by the parser, so that a mistyped
    // command or flag is answered with what was meant (cli/command_line.h).
    app.allow_extras();
    GlobalOptions global;
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

    const CLI::App* command = app.get_subcommands().empty() ? nullptr : app.get_subcommands().front();
    if (std::string leftover = leftover_words_message(app, command, app.remaining(true)); !leftover.empty()) {
        std::cerr << "meshprobe: " << leftover << "\n";
        return kExitInputError;
    }
    if (!command) {
        std::cerr << "meshprobe: a command is required (meshprobe --help lists them)\n";
        return kExitInputError;
    }
    const std::string name = command->get_name();
    settle_global_options(global);
    try {
        require_known_orchestrator(global.orchestrator);
        return calls.at(name)({global, argv[0]});
    } catch (const InputError& e) {
        std::cerr << input_error_lines(e);
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
