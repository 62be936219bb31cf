#include "cli/run_command.h"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli/report_files.h"
#include "core/cancelled.h"
#include "core/console.h"
#include "core/errors.h"
#include "exec/interrupt.h"
#include "project/project_stack.h"
#include "reports/summary.h"
#include "runner/stack_run.h"

namespace meshprobe {
namespace {

std::vector<Suite> chosen_suites(const std::vector<std::string>& names) {
    if (names.empty()) return all_suites();
    std::vector<Suite> out;
    for (const std::string& name : names) {
        Suite suite;
        if (!parse_suite(name, suite)) {
            throw InputError("--suite " + name + ": no such suite (dns, reach, isolation, egress, ports)");
        }
        out.push_back(suite);
    }
    return out;
}

// A report that cannot be written is found out before the stack starts, not after the run.
void require_writable(const std::string& flag, const std::string& path) {
    if (path.empty()) return;
    namespace fs = std::filesystem;
    std::error_code error;
    fs::file_status status = fs::status(path, error);
    if (fs::exists(status)) {
        if (!fs::is_regular_file(status)) throw InputError(flag + " " + path + ": not a regular file (a folder or a device)");
        if (::access(path.c_str(), W_OK) != 0) throw InputError(flag + " " + path + ": not writable");
        return;
    }
    fs::path parent = fs::absolute(path, error).parent_path();
    if (!fs::is_directory(parent, error)) throw InputError(flag + " " + path + ": the folder " + parent.string() + " does not exist");
    if (::access(parent.c_str(), W_OK) != 0) throw InputError(flag + " " + path + ": the folder " + parent.string() + " is not writable");
}

void validate_options(const RunOptions& options) {
    if (options.standin && options.no_up) {
        throw InputError("--standin and --no-up contradict each other: --standin starts the stack on stand-ins, "
                         "--no-up probes what already runs");
    }
    if (options.keep && options.no_up) throw InputError("--keep has no meaning with --no-up, which never takes a stack down");
    require_writable("--junit", options.junit);
    require_writable("--json", options.json);
    require_writable("--markdown", options.markdown);
}

}  // namespace

void add_run_command(CLI::App& app, RunOptions& options) {
    CLI::App* cmd = app.add_subcommand("run", "bring the stack up, probe every tier and service, report, tear down");
    cmd->add_flag("--no-up", options.no_up, "probe a stack that is already running; leave it as it is");
    cmd->add_flag("--keep", options.keep, "leave the stack up afterwards");
    cmd->add_flag("--standin", options.standin, "run every service as meshprobe's stand-in on its ports (no application images)");
    cmd->add_option("--suite", options.suites, "run only this suite (repeatable): dns, reach, isolation, egress, ports");
    cmd->add_option("--junit", options.junit, "write a JUnit XML report");
    cmd->add_option("--json", options.json, "write a JSON report");
    cmd->add_option("--markdown", options.markdown, "write a Markdown summary");
    cmd->add_option("--egress-target", options.egress_targets, "an extra egress target host[:port] (repeatable)");
    cmd->add_option("--wait", options.wait_seconds, "seconds to wait for the stack to be running and healthy (default 120)")
        ->check(CLI::Range(1, 3600));
}

int run_command(const GlobalOptions& global, const RunOptions& options, const std::string& argv0) {
    Stopwatch total;
    Console console(global);
    validate_options(options);
    // meshprobe reads the files itself first, as `check` does: a mistake in them is a
    // file:line and exit 2 before compose or the engine is asked anything.
    const ContractEnvironment project = load_project(global.contract, global.environment, global.orchestrator, global.compose);
    const StackRunRequest request{global.contract, global.docker_host, global.orchestrator, options.no_up, options.keep,
                                  options.standin, chosen_suites(options.suites),
                                  egress_targets(project.contract, options.egress_targets), options.wait_seconds, argv0};

    RunReport report;
    report.version = MESHPROBE_VERSION;
    report.contract = global.contract;
    report.environment = global.environment;
    try {
        prove_stack(project, request, console, report);
    } catch (const InfraError& e) {
        if (interrupted()) throw Cancelled();
        report.infra_error = e.what();
        report.compose_log = e.detail();
        report.seconds = total.seconds();
        write_report_files(report, options.junit, options.json, options.markdown);
        throw;
    }
    report.seconds = total.seconds();
    write_report_files(report, options.junit, options.json, options.markdown);
    // Ctrl-C during the teardown still means the run was interrupted, whatever the verdicts.
    if (interrupted()) throw Cancelled();
    if (!global.quiet) {
        bool tty = ::isatty(STDOUT_FILENO) != 0;
        std::cout << render_summary(report, SummaryStyle{tty && !global.no_color, true, 100});
    }
    return report.count(Verdict::fail) + report.count(Verdict::error) == 0 ? kExitConformant : kExitViolations;
}

}  // namespace meshprobe
