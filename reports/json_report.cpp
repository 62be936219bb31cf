#include "reports/json_report.h"

#include <cmath>

#include "reports/tally.h"

namespace meshprobe {
namespace {

// Durations are measured in ms; rounding keeps float noise like 1.8400000000000001 out.
double milliseconds_precision(double seconds) { return std::round(seconds * 1000.0) / 1000.0; }

nlohmann::json check_json(const Check& check) {
    nlohmann::json out{
        {"id", check.id()},
        {"suite", to_string(check.suite)},
        {"from", to_string(check.from)},
        {"to", to_string(check.to)},
        {"expected", check.expected},
        {"observed", check.observed},
        {"verdict", to_string(check.verdict)},
        {"evidence", check.evidence},
        {"seconds", milliseconds_precision(check.seconds)},
    };
    if (!check.note.empty()) out["note"] = check.note;
    if (check.predicted != Reach::unknown) out["predicted"] = to_string(check.predicted);
    return out;
}

nlohmann::json service_json(const ServiceContainer& s) {
    nlohmann::json out{{"service", s.service},       {"container", s.container}, {"name", s.name},
                       {"image", s.image},           {"image_id", s.image_id},   {"started_at", s.started_at}};
    if (!s.declared) out["declared"] = false;
    return out;
}

}  // namespace

nlohmann::json to_json(const RunReport& report) {
    const Tally counts = tally(report.checks);
    nlohmann::json checks = nlohmann::json::array();
    for (const Check& check : report.checks) checks.push_back(check_json(check));

    nlohmann::json out{
        {"meshprobe", report.version},
        {"contract", report.contract},
        {"environment", report.environment.empty() ? nlohmann::json(nullptr)
                                                   : nlohmann::json(report.environment)},
        {"checks", std::move(checks)},
        {"summary",
         {{"pass", counts.pass},
          {"fail", counts.fail},
          {"error", counts.error},
          {"notes", counts.notes},
          {"disagreements", counts.disagreements},
          {"seconds", milliseconds_precision(report.seconds)}}},
    };
    // Beside the spec's keys, as `warnings` is: only when a run saw containers.
    for (const ServiceContainer& s : report.services) out["services"].push_back(service_json(s));
    if (!report.infra_error.empty()) out["infra_error"] = report.infra_error;
    if (!report.compose_log.empty()) out["compose_log"] = report.compose_log;
    if (!report.warnings.empty()) out["warnings"] = report.warnings;
    return out;
}

std::string render_json(const RunReport& report) {
    return to_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace meshprobe
