#include "runner/stack_run.h"

#include <algorithm>
#include <filesystem>

#include "core/cancelled.h"
#include "core/errors.h"
#include "engine/probe_image.h"
#include "exec/executor.h"
#include "exec/interrupt.h"
#include "exec/left_behind.h"
#include "exec/outside_host.h"
#include "exec/probe_round.h"
#include "exec/run_lock.h"
#include "exec/sentinel.h"
#include "exec/stack_session.h"
#include "orchestrator/orchestrators.h"
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

}  // namespace

void prove_stack(const ContractEnvironment& loaded, const StackRunRequest& request, Console& console,
                 RunReport& report) {
    const Contract& contract = loaded.contract;
    const StackModel& model = loaded.model;
    const std::string contract_path = std::filesystem::absolute(request.contract_path).lexically_normal().string();
    Docker docker(request.docker_host);
    docker.client().set_cancel_flag(&interrupted());
    Docker janitor(request.docker_host);  // not cancellable: clean-up must survive Ctrl-C
    const std::string run_id = new_run_id();

    // Compose is pointed at the engine meshprobe talks to, whatever the CLI's context says.
    ComposeProject project = environment_project(contract, loaded.environment);
    project.docker_host = docker.client().host().url();
    std::unique_ptr<Orchestrator> orchestrator = make_orchestrator(request.orchestrator, project);

    // The lock first: asking the engine and compose what they are takes a while, and a
    // second run started meanwhile must find the project taken.
    const EngineName which_engine = engine_name(docker);
    ProjectLock lock(which_engine, contract.project, run_id);
    left_behind::start_run(run_id, contract.project, contract_path);
    VersionInfo engine = docker.version();
    console.detail("Docker engine " + engine.engine_version + " (API " + engine.api_version + ")");
    if (!request.no_up) console.detail(orchestrator->version());
    const std::string state_key = project_key(which_engine.id, contract.project);
    // Stand-ins kept on purpose stay for --no-up to probe; any other run replaces them.
    const std::string kept = request.no_up ? kept_run(state_key) : std::string{};
    ProbeKit kit = prepare_probes(docker, janitor, *orchestrator, run_id, kept, request.argv0, console);
    if (kept.empty()) forget_kept(state_key);

    StackSession stack(*orchestrator, janitor,
                       StackSession::Options{request.no_up, request.keep, request.standin, kit.image,
                                             standin_ports(contract, model), run_id, request.wait_seconds,
                                             contract_path, state_key},
                       [&](const std::string& l) { console.info(l); });
    stack.start(model);

    LiveStack live = orchestrator->discover(docker, external_networks(model, contract.project));
    if (live.containers.empty()) throw InfraError("no container of project " + contract.project + " was found");
    order_like_contract(live, contract);
    report.services = answering_containers(live);

    Sentinel sentinel(live.gateway_addresses());
    // Given no egress target, the run makes its own outside host, so that egress to the
    // outside is tried, never assumed.
    const std::vector<Suite>& suites = request.suites;
    const bool own_outside =
        request.egress_targets.empty() && std::find(suites.begin(), suites.end(), Suite::egress) != suites.end();
    OutsideHostOrWhy outside = own_outside ? make_outside_host(&interrupted()) : OutsideHostOrWhy{};
    if (outside.host) console.detail("egress: outside host at " + outside.host->target().str());
    if (!outside.why.empty()) console.info("warning: egress to the outside is not proven: " + outside.why);
    Reachability policy(contract, declared_ports(contract, model));
    const Prediction prediction =
        predict_running(model, live, contract.project, HostFirewall::read(), engine.engine_major());
    SuiteContext context{contract, live, policy, sentinel.port(), request.egress_targets,
                         expected_services(model, loaded.elsewhere), prediction, egress_outside(outside)};
    Plan plan = make_plan(context, request.suites);
    console.info("probing " + std::to_string(plan.checks.size()) + " checks from " +
                 std::to_string(plan.vantages.size()) + " vantages");
    ExecutorOptions exec{kit.image, kit.binary, run_id, contract.project, stack.runs_standins(), &interrupted(), {},
                         orchestrator.get()};
    RoundResult round = judged_round(plan, docker, janitor, exec, console);
    report.checks = std::move(round.checks);
    report.warnings.insert(report.warnings.end(), round.warnings.begin(), round.warnings.end());
    const std::string teardown = stack.finish();
    if (!teardown.empty()) throw InfraError("the teardown failed: " + teardown);
}

}  // namespace meshprobe
