#include "cli/run_command.h"

#include <CLI/CLI.hpp>

#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>

#include <fmt/format.h>

#include "core/console.h"
#include "exec/probe_round.h"
#include "cli/report_files.h"
#include "contract/address_syntax.h"
#include "contract/contract_loader.h"
#include "core/errors.h"
#include "core/cancelled.h"
#include "engine/probe_image.h"
#include "exec/cleanup.h"
#include "exec/executor.h"
#include "exec/interrupt.h"
#include "exec/left_behind.h"
#include "exec/leftovers.h"
#include "exec/neighbours.h"
#include "exec/outside_host.h"
#include "exec/run_lock.h"
#include "exec/sentinel.h"
#include "exec/stack_session.h"
#include "orchestrator/orchestrators.h"
#include "reports/progress.h"
#include "reports/summary.h"
#include "project/project_stack.h"
#include "suites/run_plan.h"
#include "suites/suites.h"
#include "topology/live_topology.h"

namespace meshprobe {
namespace {

// A stand-in listens on every port anyone might look for: declared and composed.
std::map<std::string, std::vector<int>> standin_ports(const Contract& contract, const StackModel& model) {
    auto out = declared_ports(contract, model);
    for (const StackService& service : model.services) {
        auto& ports = out[service.name];
        for (int port : service.served_ports()) {
            if (std::find(ports.begin(), ports.end(), port) == ports.end()) ports.push_back(port);
        }
    }
    return out;
}


// Who answers for each service in this run, as the report names them.
std::vector<ServiceContainer> answering_containers(const LiveStack& live) {
    std::vector<ServiceContainer> out;
    auto add = [&out](const LiveService& s, bool declared) {
        out.push_back({s.label(), s.container_id.substr(0, 12), s.container_name, s.image, s.image_id, s.started_at, declared});
    };
    for (const LiveService& s : live.services) add(s, true);
    for (const LiveService& s : live.undeclared) add(s, false);
    return out;
}

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
    const auto [contract, environment, model, elsewhere] = load_project(global.contract, global.environment, global.orchestrator);
    std::vector<Suite> suites = chosen_suites(options.suites);
    std::vector<EgressTarget> targets = egress_targets(contract, options.egress_targets);
    ComposeProject project = environment_project(contract, environment);

    RunReport report;
    report.version = MESHPROBE_VERSION;
    report.contract = global.contract;
    report.environment = global.environment;

    Docker docker(global.docker_host);
    docker.client().set_cancel_flag(&interrupted());
    Docker janitor(global.docker_host);  // not cancellable: clean-up must survive Ctrl-C
    std::string run_id = new_run_id();

    // Compose is pointed at the engine meshprobe talks to, whatever the CLI's context says.
    std::string engine_url = docker.client().host().url();
    project.docker_host = engine_url;
    std::unique_ptr<Orchestrator> orchestrator = make_orchestrator(global.orchestrator, project);

    try {
        // The lock first: asking the engine and compose what they are takes a while, and a
        // second run started meanwhile must find the project taken.
        const EngineName which_engine = engine_name(docker);
        ProjectLock lock(which_engine, contract.project, run_id);
        left_behind::start_run(run_id, contract.project, std::filesystem::absolute(global.contract).lexically_normal().string());
        VersionInfo engine = docker.version();
        console.detail("Docker engine " + engine.engine_version + " (API " + engine.api_version + ")");
        if (!options.no_up) console.detail(orchestrator->version());
        std::string state_key = project_key(which_engine.id, contract.project);
        // Stand-ins kept on purpose stay for --no-up to probe; any other run replaces them.
        std::string kept = options.no_up ? kept_run(state_key) : std::string{};
        ProbeKit kit = prepare_probes(docker, janitor, *orchestrator, run_id, kept, argv0, console);
        if (kept.empty()) forget_kept(state_key);

        StackSession stack(*orchestrator, janitor,
                           StackSession::Options{options.no_up, options.keep, options.standin, kit.image,
                                                 standin_ports(contract, model), run_id, options.wait_seconds,
                                                 std::filesystem::absolute(global.contract).lexically_normal().string(),
                                                 state_key},
                           [&](const std::string& l) { console.info(l); });
        stack.start(model);

        LiveStack live = orchestrator->discover(docker, external_networks(model, contract.project));
        if (live.containers.empty()) throw InfraError("no container of project " + contract.project + " was found");
        order_like_contract(live, contract);
        report.services = answering_containers(live);

        Sentinel sentinel(live.gateway_addresses());
        // Given no egress target, the run makes its own outside host, so that egress to the
        // outside is tried, never assumed.
        const bool own_outside = targets.empty() && std::find(suites.begin(), suites.end(), Suite::egress) != suites.end();
        OutsideHostOrWhy outside = own_outside ? make_outside_host(&interrupted()) : OutsideHostOrWhy{};
        if (outside.host) console.detail("egress: outside host at " + outside.host->target().str());
        if (!outside.why.empty()) console.info("warning: egress to the outside is not proven: " + outside.why);
        Reachability policy(contract, declared_ports(contract, model));
        const Prediction prediction =
            predict_running(model, live, contract.project, HostFirewall::read(), engine.engine_major());
        SuiteContext context{contract, live, policy, sentinel.port(), targets,
                             expected_services(model, elsewhere), prediction, egress_outside(outside)};
        Plan plan = make_plan(context, suites);
        console.info("probing " + std::to_string(plan.checks.size()) + " checks from " +
                     std::to_string(plan.vantages.size()) + " vantages");
        ExecutorOptions exec{kit.image, kit.binary, run_id, contract.project, stack.runs_standins(), &interrupted(), {},
                             orchestrator.get()};
        RoundResult round = judged_round(plan, docker, janitor, exec, console);
        report.checks = std::move(round.checks);
        report.warnings.insert(report.warnings.end(), round.warnings.begin(), round.warnings.end());
        std::string teardown = stack.finish();
        if (!teardown.empty()) throw InfraError("the teardown failed: " + teardown);
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
