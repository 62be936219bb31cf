#include "cli/audit_command.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli/topology_command.h"
#include "core/errors.h"
#include "core/user_file.h"
#include "core/cancelled.h"
#include "exec/interrupt.h"
#include "exec/lan_probe.h"
#include "policy/publishing.h"
#include "reports/report_paths.h"
#include "reports/static/check_sarif.h"
#include "project/model_source.h"
#include "topology/exposure.h"
#include "topology/live_topology.h"

namespace meshprobe {
namespace {

std::string shown(const SourceLocation& where, const std::string& dir) { return relative_location(where, dir); }

std::string address_of(const PortMapping& port) { return port.host_ip.empty() ? "0.0.0.0" : bare_address(port.host_ip); }

std::string ports_of(int first, int last) { return last > first ? fmt::format("{}-{}", first, last) : std::to_string(first); }

nlohmann::json to_json(const std::vector<Exposure>& exposures, const std::vector<HostListener>* listeners,
                       const std::string& dir) {
    nlohmann::json out = {{"exposures", nlohmann::json::array()}, {"listeners", nlohmann::json::array()}};
    for (const Exposure& e : exposures) {
        const std::string where = shown(e.port.where, dir);
        out["exposures"].push_back({{"service", e.service},
                                    {"tier", e.tier.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.tier)},
                                    {"host_ip", address_of(e.port)},
                                    {"host_port", e.port.host_port},
                                    {"container_port", e.port.container_port},
                                    {"protocol", e.port.protocol},
                                    {"allowed", e.allowed},
                                    {"why", e.why},
                                    {"risk", fmt::format("{}", fmt::join(e.risks, ", "))},
                                    {"where", where.empty() ? nlohmann::json(nullptr) : nlohmann::json(where)}});
        if (e.lan) {
            out["exposures"].back()["lan"] = {{"target", e.lan->target.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.lan->target)},
                                              {"probed", e.lan->probed},
                                              {"reachable", e.lan->reachable},
                                              {"outcome", e.lan->outcome}};
        }
    }
    if (listeners) {
        for (const HostListener& l : *listeners) {
            out["listeners"].push_back({{"protocol", l.protocol}, {"address", l.address}, {"port", l.port},
                                        {"explained_by", l.explained_by.empty() ? nlohmann::json(nullptr)
                                                                                : nlohmann::json(l.explained_by)}});
        }
    }
    return out;
}

std::string lan_summary(const LanReach& lan) {
    if (!lan.probed) return lan.outcome;
    return fmt::format("{} at {}", lan.reachable ? "reachable" : "not reachable (" + lan.outcome + ")", lan.target);
}

std::string exposure_line(const Exposure& e) {
    const std::string ip = address_of(e.port);
    return fmt::format("{} {}:{} -> {}/{}{}{}{}", e.service, ip.find(':') != std::string::npos ? "[" + ip + "]" : ip,
                       e.port.host_port ? ports_of(e.port.host_port, e.port.host_port_end) : "random",
                       ports_of(e.port.container_port, e.port.container_port_end), e.port.protocol,
                       e.risks.empty() ? "" : fmt::format(" [{}]", fmt::join(e.risks, ", ")),
                       e.lan ? " LAN: " + lan_summary(*e.lan) : "", e.allowed ? "" : ": " + e.why);
}

std::string to_text(const std::vector<Exposure>& exposures, const std::vector<HostListener>* listeners,
                    const std::string& dir, bool quiet) {
    std::string out;
    int breaking = 0;
    for (const Exposure& e : exposures) {
        if (!e.allowed) ++breaking;
        const std::string where = shown(e.port.where, dir);
        out += fmt::format("{} {}{}\n", e.allowed ? "ok  " : "FAIL", exposure_line(e), where.empty() ? "" : "  (" + where + ")");
    }
    if (listeners) {
        for (const HostListener& l : *listeners) {
            if (!l.explained_by.empty()) continue;
            out += fmt::format("host {} {}:{} is listening, and no published port of the stack explains it\n", l.protocol,
                               l.address.find(':') != std::string::npos ? "[" + l.address + "]" : l.address, l.port);
        }
    }
    if (!quiet) {
        out += fmt::format("meshprobe audit: {} published port(s), {} the contract does not allow\n", exposures.size(), breaking);
    }
    return out;
}

std::string to_markdown(const std::vector<Exposure>& exposures, const std::vector<HostListener>* listeners,
                        const std::string& dir) {
    const bool lan = std::any_of(exposures.begin(), exposures.end(), [](const Exposure& e) { return e.lan.has_value(); });
    std::string out = fmt::format("| service | tier | host address | host port | container port | allowed | risk |{} where |\n"
                                  "| --- | --- | --- | --- | --- | --- | --- |{} --- |\n",
                                  lan ? " from the LAN |" : "", lan ? " --- |" : "");
    for (const Exposure& e : exposures) {
        out += fmt::format("| {} | {} | {} | {} | {}/{} | {} | {} |{} {} |\n", e.service, e.tier.empty() ? "-" : e.tier,
                           address_of(e.port), e.port.host_port ? ports_of(e.port.host_port, e.port.host_port_end) : "random",
                           ports_of(e.port.container_port, e.port.container_port_end), e.port.protocol,
                           e.allowed ? "yes" : "**no**: " + e.why, fmt::join(e.risks, ", "),
                           e.lan ? " " + lan_summary(*e.lan) + " |" : "", shown(e.port.where, dir));
    }
    if (listeners) {
        out += "\n| host listener | explained by |\n| --- | --- |\n";
        for (const HostListener& l : *listeners) {
            out += fmt::format("| {} {}:{} | {} |\n", l.protocol, l.address, l.port,
                               l.explained_by.empty() ? "**nothing in the contract**" : l.explained_by);
        }
    }
    return out;
}

// The exposures that break the contract as MESH006 findings, for code scanning.
std::string to_sarif(const std::vector<Exposure>& exposures, const Contract& contract, const std::string& dir) {
    CheckReport report;
    report.version = MESHPROBE_VERSION;
    report.contract = contract.path;
    for (const Exposure& e : exposures) {
        if (e.allowed) continue;
        Finding f;
        f.rule = "MESH006";
        f.service = e.service;
        f.where = e.port.where;
        f.message = e.service + " publishes " + describe_published(e.port) + ": " + e.why;
        f.fix = "remove the port, bind it to the address the contract lists, or add it to the service's publish:";
        report.findings.push_back(std::move(f));
    }
    return render_check_sarif(report, dir);
}

}  // namespace

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
    const auto [contract, environment, model, elsewhere] = load_contract_environment(global.contract, global.environment);
    const Topology topology = options.live
                                  ? build_live_topology(contract, model, environment, running_stack(global, contract.project))
                                  : build_topology(contract, model, environment);
    std::vector<Exposure> exposures = exposures_of(topology, contract);
    if (options.lan_probe) probe_from_lan(exposures, std::chrono::milliseconds(contract.probe.timeout_ms));
    std::vector<HostListener> listeners;
    if (options.live) listeners = host_listeners(exposures);
    const std::vector<HostListener>* shown_listeners = options.live ? &listeners : nullptr;
    const std::string dir = std::filesystem::current_path().string();
    if (options.format == "json") {
        write_output(to_json(exposures, shown_listeners, dir).dump(2) + "\n", options.output);
    } else if (options.format == "markdown") {
        write_output(to_markdown(exposures, shown_listeners, dir), options.output);
    } else if (options.format == "sarif") {
        write_output(to_sarif(exposures, contract, dir), options.output);
    } else {
        write_output(to_text(exposures, shown_listeners, dir, global.quiet), options.output);
    }
    const bool breaks = std::any_of(exposures.begin(), exposures.end(), [](const Exposure& e) { return !e.allowed; });
    return breaks ? kExitViolations : kExitConformant;
}

}  // namespace meshprobe
