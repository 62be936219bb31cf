#include "cli/learn_command.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <iostream>

#include "cli/explain_ends.h"
#include "core/atomic_file.h"
#include "core/cancelled.h"
#include "core/console.h"
#include "core/errors.h"
#include "engine/docker_api.h"
#include "exec/executor.h"
#include "exec/probe_round.h"
#include "exec/run_lock.h"
#include "learn/conntrack_events.h"
#include "learn/duration.h"
#include "learn/learn_report.h"
#include "learn/learn_session.h"
#include "learn/suggest.h"
#include "project/project_stack.h"
#include "reports/report_paths.h"
#include "reports/topology/topology_render.h"
#include "topology/live_topology.h"

namespace meshprobe {
namespace {

// The stack's addresses now, and those of meshprobe's probes (any run's): a probe attached to
// a network has an address of its own there, and its connections are no flow.
AddressBook address_book(const LiveStack& live, Docker& docker) {
    AddressBook book;
    for (const LiveService& service : live.services) {
        for (const std::string& ip : service.ips()) book.add_service(service.name, ip);
    }
    for (const LiveService& stranger : live.undeclared) {
        for (const std::string& ip : stranger.ips()) book.add_service(stranger.name, ip);
    }
    for (const std::string& gateway : live.gateway_addresses()) book.add_gateway(gateway);
    for (const ContainerInfo& c : docker.list_containers({std::string(kRoleLabel) + "=probe"}, false)) {
        for (const ContainerNetwork& n : c.networks) {
            book.add_ignored(n.ip_address);
            book.add_ignored(n.ipv6_address);
        }
    }
    return book;
}

// The contract line that allows a path: its flow, or the tier whose services may reach each
// other (policy same_tier: allow).
std::string granted_by(const Contract& contract, const Topology& paths, const TopologyPath& path) {
    if (path.grant == Grant::Kind::flow) return relative_location(path.flow, paths.contract_dir);
    const TopologyService* from = paths.find_service(path.from);
    const Tier* tier = from && path.grant == Grant::Kind::same_tier ? contract.find_tier(from->tier) : nullptr;
    return tier ? relative_location(tier->where, paths.contract_dir) : std::string{};
}

// Between two services: the live model's paths on that port; declared when a path is allowed
// (by a flow or by the tier).
Declaration judge_between(const Contract& contract, const StackModel& model, const std::string& environment,
                          const LiveStack& live, const SeenFlow& flow) {
    const Topology paths = live_paths_between(contract, model, environment, live, flow.from, flow.to, flow.port);
    Declaration out{false, {}, "no path of the model carries it"};
    for (const TopologyPath& path : paths.paths) {
        // A reverse path is carried and tolerated (policy reverse: allow), but no line of the
        // contract asks for a connection that way: it is what `enforce` would drop.
        const bool allowed = path.verdict == PathVerdict::allowed || path.verdict == PathVerdict::broken;
        if (!allowed && out.declared) continue;
        out = {allowed, allowed ? granted_by(contract, paths, path) : std::string{}, reason_of(paths, path)};
        if (allowed) break;
    }
    return out;
}

// To the host or outside: the tier's egress, as `explain SERVICE ADDRESS` answers it.
Declaration judge_egress(const Contract& contract, const Topology& stack, const SeenFlow& flow) {
    std::vector<EndAnswer> answers = outside_answers(contract, stack, flow.from, flow.to, flow.port);
    const EndAnswer& answer = answers.front();
    const bool declared = answer.verdict == "allowed" || answer.verdict == "broken";
    const Tier* tier = contract.find_tier(stack.find_service(flow.from)->tier);
    return {declared, tier && declared ? relative_location(tier->where, stack.contract_dir) : std::string{},
            answer.reason};
}

// Where `--suggest`'s edits go: the contract file's first flow, and the tier line of each
// service whose tier denies egress.
SuggestTarget suggest_target(const Contract& contract, const Topology& stack) {
    SuggestTarget target;
    const std::string file = contract.compose_where.file.empty() ? contract.path : contract.compose_where.file;
    target.shown_name = relative_location({file, 0, 0}, contract.dir);
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    target.text = text.str();
    for (const Flow& flow : contract.flows) {
        if (flow.where.file == file && (target.first_flow_line == 0 || flow.where.line < target.first_flow_line))
            target.first_flow_line = flow.where.line;
    }
    for (const TopologyService& service : stack.services) {
        const Tier* tier = service.tier.empty() ? nullptr : contract.find_tier(service.tier);
        if (!tier || tier->egress != Egress::deny) continue;
        target.denied_egress.push_back({service.name, tier->name, tier->where.file == file ? tier->where.line : 0});
    }
    return target;
}

// What a flow of the contract allows that no connection used: the live model's per-pair paths
// a flow allows, less the pairs and ports seen.
std::vector<Unused> unused_flows(Topology stack, const Contract& contract, const StackModel& model,
                                 const LiveStack& live, const std::vector<LearnedFlow>& seen) {
    expand_live_paths(stack, contract, model, live);
    std::set<std::tuple<std::string, std::string, int>> used;
    std::set<std::pair<std::string, std::string>> pairs_used;
    for (const LearnedFlow& f : seen) {
        used.insert({f.flow.from, f.flow.to, f.flow.port});
        pairs_used.insert({f.flow.from, f.flow.to});
    }
    std::vector<Unused> out;
    for (const TopologyPath& path : stack.paths) {
        if (path.verdict != PathVerdict::allowed || path.grant != Grant::Kind::flow) continue;
        const bool was_used = path.port ? used.count({path.from, path.to, *path.port}) > 0
                                        : pairs_used.count({path.from, path.to}) > 0;
        if (was_used) continue;
        out.push_back({path.from + " -> " + path.to + ":" + (path.port ? std::to_string(*path.port) : "any port"),
                       "flow " + relative_location(path.flow, stack.contract_dir)});
    }
    return out;
}

}  // namespace

Recording record_running_stack(const GlobalOptions& global, const StackModel& model, const std::string& project,
                               std::chrono::seconds duration) {
    Docker docker(global.docker_host);
    // Under the project's lock, no meshprobe run probes from inside a service's namespace, where
    // its connections would carry the service's own address (docs/learn.md).
    ProjectLock lock(engine_name(docker), project, new_run_id());
    Recording out;
    out.live = running_stack(global.docker_host, global.orchestrator, model, project);
    bool ipv6 = false;
    for (const LiveService& service : out.live.services) {
        for (const std::string& ip : service.ips()) ipv6 = ipv6 || is_ipv6(ip);
    }
    require_bridged_tracking(ipv6);
    ConntrackEvents events;
    Console(global).info("recording the connections of " + project + " for " + std::to_string(duration.count()) +
                         " s (Ctrl-C stops and reports)");
    const auto started = std::chrono::steady_clock::now();
    const FlowTable table = record_flows(
        [&](int timeout_ms) { return events.wait(timeout_ms); },
        [&] {
            // A stack that is briefly gone (all restarting) keeps its last addresses.
            try {
                out.live = running_stack(global.docker_host, global.orchestrator, model, project);
            } catch (const InfraError&) {
            }
            return address_book(out.live, docker);
        },
        duration);
    out.flows = table.flows();
    out.seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count();
    // The first Ctrl-C only ends the recording: the flag is lowered so that what was seen is
    // judged and reported; a second one raises it again and abandons the report (exit 130).
    out.interrupted = cancel_requested.exchange(false);
    out.overflows = events.overflows();
    return out;
}

void add_learn_command(CLI::App& app, LearnOptions& options) {
    CLI::App* cmd = app.add_subcommand(
        "learn", "record the running stack's connections and say which the contract declares");
    cmd->add_option("--duration", options.duration,
                    "how long to record: 30s, 5m, 1h (default 30s); Ctrl-C stops early");
    cmd->add_option("--format", options.format, "text, json or markdown (default text)")
        ->check(CLI::IsMember({"text", "json", "markdown"}));
    cmd->add_option("--output", options.output, "write the report to FILE instead of stdout");
    cmd->add_flag("--suggest", options.suggest,
                  "print the contract edits that would declare what was seen (a diff), and what was never used");
}

int learn_command(const GlobalOptions& global, const LearnOptions& options) {
    const std::chrono::seconds duration(parse_duration_seconds(options.duration, "--duration"));
    // Named references, not a structured binding: the judge's lambda captures them.
    const ContractEnvironment project =
        load_project(global.contract, global.environment, global.orchestrator, global.compose);
    const Contract& contract = project.contract;
    const std::string& environment = project.environment;
    const StackModel& model = project.model;
    Recording recording = record_running_stack(global, model, contract.project, duration);
    const LiveStack& live = recording.live;
    LearnReport report;
    report.project = contract.project;
    report.environment = environment;
    report.seconds = recording.seconds;
    report.interrupted = recording.interrupted;
    report.overflows = recording.overflows;

    const Topology stack = build_live_topology(contract, model, environment, live, PathForm::classes);
    report.flows = judge_flows(recording.flows, [&](const SeenFlow& flow) -> Declaration {
        try {
            if (flow.to_kind == Peer::Kind::service) return judge_between(contract, model, environment, live, flow);
            if (!stack.find_service(flow.from)) return {false, {}, flow.from + " is no service of the running model"};
            return judge_egress(contract, stack, flow);
        } catch (const InputError& error) {
            return {false, {}, error.what()};
        }
    });

    std::string text;
    if (options.suggest) {
        text = render_suggestions(report, suggest_target(contract, stack),
                                  unused_flows(stack, contract, model, live, report.flows));
    } else {
        text = options.format == "json"       ? render_learn_json(report)
               : options.format == "markdown" ? render_learn_markdown(report)
                                              : render_learn_text(report);
    }
    if (options.output.empty()) {
        std::cout << text;
    } else {
        write_file_atomically(options.output, text);
    }
    for (const LearnedFlow& f : report.flows) {
        if (!f.declaration.declared) return 1;
    }
    return 0;
}

}  // namespace meshprobe
