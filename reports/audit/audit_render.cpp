#include "reports/audit/audit_render.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "policy/publishing.h"
#include "reports/report_paths.h"
#include "reports/static/check_sarif.h"

namespace meshprobe {
namespace {

std::string shown(const SourceLocation& where, const std::string& dir) { return relative_location(where, dir); }

std::string address_of(const PortMapping& port) { return shown_address(port.host_ip); }

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
        f.message = refused_publish_text(e.service, e.port, e.why);
        f.fix = kPublishFix;
        report.findings.push_back(std::move(f));
    }
    return render_check_sarif(report, dir);
}

}  // namespace

std::string render_audit(const std::string& format, const AuditReport& report) {
    if (format == "json") return to_json(report.exposures, report.listeners, report.dir).dump(2) + "\n";
    if (format == "markdown") return to_markdown(report.exposures, report.listeners, report.dir);
    if (format == "sarif") return to_sarif(report.exposures, report.contract, report.dir);
    if (format == "text") return to_text(report.exposures, report.listeners, report.dir, report.quiet);
    throw std::invalid_argument("audit: no writer for format " + format);
}

}  // namespace meshprobe
