#include "cli/audit_command.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "core/errors.h"
#include "core/user_file.h"
#include "core/cancelled.h"
#include "exec/interrupt.h"
#include "exec/lan_probe.h"
#include "reports/audit/audit_render.h"
#include "project/project_stack.h"
#include "topology/exposure.h"
#include "topology/live_topology.h"

namespace meshprobe {

void add_audit_command(CLI::App& app, AuditOptions& options) {
    CLI::App* cmd = app.add_subcommand("audit", "every published port: service, tier, address, whether the contract allows it, its risk");
    cmd->add_option("--format", options.format, "text, json, sarif or markdown (default text)")
        ->check(CLI::IsMember({"text", "json", "sarif", "markdown"}));
    cmd->add_option("--output", options.output, "write it to this file instead of standard output");
    cmd->add_flag("--live", options.live, "the engine's bindings, and every socket listening on the host");
    cmd->add_flag("--lan-probe", options.lan_probe,
                  "also connect to every binding from an outside host on a veth pair, v4 and v6 (root; implies --live)");
}

namespace {

// Connects to each binding from an outside host made for the purpose, all at once, within
// one probe timeout; the host and its link are gone when this returns.
void probe_from_lan(std::vector<Exposure>& exposures, std::chrono::milliseconds timeout) {
    const LanHost host(&interrupted());
    std::vector<LanTarget> targets;
    std::vector<std::pair<size_t, LanReach>> probed;
    for (size_t i = 0; i < exposures.size(); ++i) {
        std::string why;
        const std::string address = lan_address(exposures[i].port, host.host_v4(), host.host_v6(), why);
        if (address.empty()) {
            judge_lan_reach(exposures[i], LanReach{{}, "not probed: " + why, false, false});
            continue;
        }
        const std::string shown = address.find(':') != std::string::npos ? "[" + address + "]" : address;
        probed.emplace_back(i, LanReach{fmt::format("{}:{}", shown, exposures[i].port.host_port), {}, false, true});
        targets.push_back({address, exposures[i].port.host_port});
    }
    const std::vector<LanOutcome> outcomes = connect_from(host, targets, timeout);
    if (interrupted()) throw Cancelled();
    for (size_t k = 0; k < probed.size(); ++k) {
        LanReach& reach = probed[k].second;
        reach.outcome = std::string(to_string(outcomes[k]));
        reach.reachable = outcomes[k] == LanOutcome::connected;
        judge_lan_reach(exposures[probed[k].first], std::move(reach));
    }
}

}  // namespace

int audit_command(const GlobalOptions& global, AuditOptions options) {
    if (options.lan_probe) options.live = true;
    const auto [contract, environment, model, elsewhere] = load_project(global.contract, global.environment, global.orchestrator, global.compose);
    // Exposures need the services' published ports, never the paths: the model, static or
    // live, is built with its paths as classes only (a few groups), never expanded into pairs.
    const Topology topology =
        options.live ? build_live_topology(contract, model, environment,
                                           running_stack(global.docker_host, global.orchestrator, model, contract.project),
                                           PathForm::classes)
                     : build_topology(contract, model, environment, PathForm::classes);
    std::vector<Exposure> exposures = exposures_of(topology, contract);
    if (options.lan_probe) probe_from_lan(exposures, std::chrono::milliseconds(contract.probe.timeout_ms));
    std::vector<HostListener> listeners;
    if (options.live) listeners = host_listeners(exposures);
    const AuditReport report{contract, exposures, options.live ? &listeners : nullptr,
                             std::filesystem::current_path().string(), global.quiet};
    write_output(render_audit(options.format, report), options.output);
    const bool breaks = std::any_of(exposures.begin(), exposures.end(), [](const Exposure& e) { return !e.allowed; });
    return breaks ? kExitViolations : kExitConformant;
}

}  // namespace meshprobe
