#include "cli/explain_command.h"

#include <CLI/CLI.hpp>

#include <charconv>
#include <iostream>
#include <set>

#include "cli/explain_ends.h"
#include "core/console.h"
#include "suites/run_plan.h"
#include "core/errors.h"
#include "core/cancelled.h"
#include "engine/docker_api.h"
#include "exec/interrupt.h"
#include "exec/run_lock.h"
#include "orchestrator/orchestrators.h"
#include "policy/reachability.h"
#include "reports/topology/topology_render.h"
#include "project/project_stack.h"
#include "suites/suites.h"
#include "topology/live_topology.h"
#include "topology/prediction.h"

namespace meshprobe {
namespace {

struct Target {
    std::string service;
    std::optional<int> port;
};

Target parse_target(const std::string& text) {
    const auto colon = text.rfind(':');
    // A bare IPv6 address has colons of its own; with a port it is written [ADDRESS]:PORT.
    const bool bare_ipv6 = text.find(':') != colon && text.front() != '[';
    // tier:NAME and service:NAME name an end; a port after them is a second colon.
    const bool named_end = (text.starts_with("tier:") || text.starts_with("service:")) && text.find(':') == colon;
    if (colon == std::string::npos || bare_ipv6 || named_end || text.back() == ']') return {text, std::nullopt};
    const std::string digits = text.substr(colon + 1);
    int port = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (error != std::errc{} || end != digits.data() + digits.size() || port < 1 || port > 65535) {
        throw InputError("'" + text + "': the port after ':' must be a number from 1 to 65535");
    }
    return {text.substr(0, colon), port};
}

std::string port_text(const std::optional<int>& port) { return port ? std::to_string(*port) : "any port"; }

// What the probes saw on one port, from each running replica of FROM.
struct Observation {
    int port = 0;
    Check check;
};

// Why nothing was probed on a path, or empty when something was.
std::string unprobed_reason(const TopologyPath& path, const LiveStack& live) {
    if (!path.port) return "no port of " + path.to + " is known to probe";
    if (live.replicas_of(path.from).empty()) return path.from + " is not running";
    if (live.replicas_of(path.to).empty()) return path.to + " is not running";
    const LiveService* from = live.find_service(path.from);
    if (!from->own_namespace()) return path.from + " shares another container's namespace (" + from->network_mode + ")";
    return {};
}

// Probes FROM -> TO on each port, as run's reach suite does, under the project's lock.
std::vector<Observation> probe_paths(const GlobalOptions& global, const Contract& contract, const StackModel& model,
                                     const LiveStack& live, const std::string& from, const std::string& to,
                                     const std::set<int>& ports, const std::string& argv0) {
    Console console(global);
    Docker docker(global.docker_host);
    docker.client().set_cancel_flag(&interrupted());
    Docker janitor(global.docker_host);  // not cancellable: clean-up must survive Ctrl-C
    const std::string run_id = new_run_id();
    const EngineName which_engine = engine_name(docker);
    ProjectLock lock(which_engine, contract.project, run_id);
    const VersionInfo engine = docker.version();
    // Stand-ins kept by `run --keep` are what is being explained: they stay.
    const std::unique_ptr<Orchestrator> orchestrator = make_orchestrator(global.orchestrator, contract.project);
    const ProbeKit kit = prepare_probes(docker, janitor, *orchestrator, run_id,
                                        kept_run(project_key(which_engine.id, contract.project)), argv0, console);

    const Reachability policy(contract, declared_ports(contract, model));
    const Prediction prediction =
        predict_running(model, live, contract.project, HostFirewall::read(), engine.engine_major());
    const SuiteContext context{contract, live, policy, 0, {}, {}, prediction, {}};
    Plan plan;
    plan.timeout_ms = contract.probe.timeout_ms;
    std::vector<int> port_of_check;
    const std::vector<int> asked(ports.begin(), ports.end());
    for (const LiveService* target : live.replicas_of(to)) plan_self_control(context, plan, *target, asked);
    for (const LiveService* source : live.replicas_of(from)) {
        if (!source->own_namespace()) continue;
        for (const LiveService* target : live.replicas_of(to)) {
            for (int port : asked) {
                plan_path(context, plan, *source, *target, port);
                port_of_check.push_back(port);
            }
        }
    }
    if (plan.checks.empty()) return {};
    ExecutorOptions exec{kit.image, kit.binary, run_id, contract.project, false, &interrupted(), {}, orchestrator.get()};
    RoundResult round = judged_round(plan, docker, janitor, exec, console);
    if (interrupted()) throw Cancelled();
    std::vector<Observation> out;
    for (std::size_t i = 0; i < round.checks.size(); ++i) out.push_back({port_of_check[i], std::move(round.checks[i])});
    return out;
}

nlohmann::json observation_json(const Check& check) {
    return {{"from", to_string(check.from)}, {"to", to_string(check.to)}, {"expected", check.expected},
            {"observed", check.observed}, {"verdict", to_string(check.verdict)}, {"seen", to_string(check.seen)}};
}

// The answers about the host or the outside, which no network path between services carries,
// judged on `stack`: the compose files' model, or with --live the running one ("live").
int explain_end(const GlobalOptions& global, const ExplainOptions& options, const std::vector<EndAnswer>& answers,
                const std::string& source) {
    bool all_agree = true;
    for (const EndAnswer& answer : answers) all_agree = all_agree && answer.agrees;
    if (options.format == "json") {
        nlohmann::json out = {{"from", options.from}, {"to", options.to}, {"source", source}, {"agrees", all_agree},
                              {"paths", nlohmann::json::array()}};
        for (const EndAnswer& a : answers) {
            out["paths"].push_back({{"from", a.from}, {"to", a.to},
                                    {"port", a.port ? nlohmann::json(*a.port) : nlohmann::json("any")},
                                    {"verdict", a.verdict}, {"agrees", a.agrees}, {"reason", a.reason}});
        }
        std::cout << out.dump(2) << "\n";
    } else {
        for (const EndAnswer& a : answers) {
            std::cout << a.from << " -> " << a.to << ":" << port_text(a.port) << ": " << a.verdict
                      << (a.agrees ? "" : " (not as the contract wants it)") << "\n  " << a.reason << "\n";
        }
        if (!global.quiet) std::cout << (all_agree ? "as the contract wants it\n" : "not as the contract wants it\n");
    }
    return all_agree ? 0 : 1;
}

// The paths between two services, with what the probes saw on them (--live).
struct PairAnswer {
    Topology topology;
    std::vector<Observation> observations;
};

}  // namespace

void add_explain_command(CLI::App& app, ExplainOptions& options) {
    CLI::App* cmd = app.add_subcommand("explain", "say whether one service may reach another, and why, down to the YAML lines");
    cmd->add_option("from", options.from, "a service, a tier (tier:NAME, or its name) or host")->required();
    cmd->add_option("to", options.to, "a service, a tier or an outside address (egress), with :PORT for one port")->required();
    cmd->add_option("--format", options.format, "text or json (default text)")->check(CLI::IsMember({"text", "json"}));
    cmd->add_flag("--live", options.live, "on the running stack: the paths as attached now, and what a probe from FROM sees on each port");
}

int explain_command(const GlobalOptions& global, const ExplainOptions& options, const std::string& argv0) {
    const Target target = parse_target(options.to);
    const auto [contract, environment, model, elsewhere] = load_project(global.contract, global.environment, global.orchestrator, global.compose);
    const Topology stack = build_topology(contract, model, environment, PathForm::classes);
    const ExplainEnd from = read_explain_end(options.from, contract, stack);
    const ExplainEnd to = read_explain_end(target.service, contract, stack);
    using Kind = ExplainEnd::Kind;
    if (from.kind == Kind::outside || to.kind == Kind::host || (from.kind == Kind::host && to.kind != Kind::services)) {
        throw InputError("explain asks from a service, a tier or host, to a service, a tier or an outside address (" +
                         options.from + " -> " + options.to + ")");
    }
    if (from.kind == Kind::host || to.kind == Kind::outside) {
        // --live: the same judgement on what the engine runs now (the ports it bound, the
        // networks attached now and their internal flag); nothing is probed towards the host or
        // the outside, which `run`'s suites do with their controls.
        std::optional<Topology> running;
        if (options.live) {
            running = build_live_topology(contract, model, environment,
                                          running_stack(global.docker_host, global.orchestrator, model, contract.project),
                                          PathForm::classes);
        }
        const Topology& judged_on = running ? *running : stack;
        std::vector<EndAnswer> answers;
        for (const std::string& service : from.kind == Kind::host ? to.services : from.services) {
            std::vector<EndAnswer> more = from.kind == Kind::host
                                              ? host_answers(contract, judged_on, service, target.port)
                                              : outside_answers(contract, judged_on, service, to.address, target.port);
            answers.insert(answers.end(), more.begin(), more.end());
        }
        return explain_end(global, options, answers, judged_on.source);
    }

    std::optional<LiveStack> live;
    if (options.live) live = running_stack(global.docker_host, global.orchestrator, model, contract.project);
    std::vector<PairAnswer> pairs;
    bool all_agree = true;
    for (const std::string& source : from.services) {
        for (const std::string& destination : to.services) {
            // A tier's paths to itself: each service to every other, as the model lists them.
            if (source == destination && (from.services.size() > 1 || to.services.size() > 1)) continue;
            PairAnswer pair{live ? live_paths_between(contract, model, environment, *live, source, destination, target.port)
                                 : paths_between(contract, model, environment, source, destination, target.port),
                            {}};
            for (const TopologyPath& path : pair.topology.paths) all_agree = all_agree && agrees(path);
            if (live) {
                std::set<int> ports;
                for (const TopologyPath& path : pair.topology.paths) {
                    if (unprobed_reason(path, *live).empty()) ports.insert(*path.port);
                }
                if (!ports.empty())
                    pair.observations = probe_paths(global, contract, model, *live, source, destination, ports, argv0);
                for (const Observation& o : pair.observations) all_agree = all_agree && o.check.verdict == Verdict::pass;
            }
            pairs.push_back(std::move(pair));
        }
    }
    auto observed_on = [&](const PairAnswer& pair, const TopologyPath& path) {
        std::vector<const Check*> out;
        for (const Observation& o : pair.observations) {
            if (path.port && o.port == *path.port) out.push_back(&o.check);
        }
        return out;
    };

    if (options.format == "json") {
        nlohmann::json out = {{"from", options.from}, {"to", target.service}, {"environment", environment},
                              {"source", pairs.empty() ? "static" : pairs.front().topology.source}, {"agrees", all_agree},
                              {"paths", nlohmann::json::array()}};
        for (const PairAnswer& pair : pairs) {
            for (const TopologyPath& path : pair.topology.paths) {
                nlohmann::json p = {{"from", path.from},
                                    {"to", path.to},
                                    {"port", path.port ? nlohmann::json(*path.port) : nlohmann::json("any")},
                                    {"networks", path.networks},
                                    {"verdict", to_string(path.verdict)},
                                    {"agrees", agrees(path)},
                                    {"reason", reason_of(pair.topology, path)}};
                if (live) {
                    p["observed"] = nlohmann::json::array();
                    for (const Check* check : observed_on(pair, path)) p["observed"].push_back(observation_json(*check));
                    if (std::string why = unprobed_reason(path, *live); !why.empty()) p["not_probed"] = why;
                }
                out["paths"].push_back(std::move(p));
            }
        }
        std::cout << out.dump(2) << "\n";
    } else {
        for (const PairAnswer& pair : pairs) {
            for (const TopologyPath& path : pair.topology.paths) {
                std::cout << path.from << " -> " << path.to << ":" << port_text(path.port) << ": " << to_string(path.verdict)
                          << (agrees(path) ? "" : " (not as the contract wants it)") << "\n  "
                          << reason_of(pair.topology, path) << "\n";
                if (!live) continue;
                for (const Check* check : observed_on(pair, path)) {
                    std::cout << "  now, from " << to_string(check->from) << ": " << check->observed
                              << (check->verdict == Verdict::pass ? "" : " (the contract wants " + check->expected + ")")
                              << "\n";
                }
                if (std::string why = unprobed_reason(path, *live); !why.empty()) std::cout << "  not probed: " << why << "\n";
            }
        }
        if (!global.quiet) {
            std::cout << (all_agree ? "as the contract wants it\n"
                                    : live ? "not as the contract wants it: a forbidden path a network carries or a probe "
                                             "connects on, or a path it wants (a flow, the same tier) that no network "
                                             "carries or no probe connects on\n"
                                           : "not as the contract wants it: a forbidden path a network carries, or a "
                                             "path it wants (a flow, the same tier) that no network carries\n");
        }
    }
    return all_agree ? 0 : 1;
}

}  // namespace meshprobe
