#include "reports/static/check_json.h"

#include "reports/report_paths.h"

namespace meshprobe {
namespace {

nlohmann::json location(const SourceLocation& where, const std::string& base_dir) {
    return {{"file", relative_path(where.file, base_dir)}, {"line", where.line}, {"column", where.column}};
}

nlohmann::json finding_json(const Finding& finding, const std::string& base_dir) {
    nlohmann::json out = {
        {"rule", finding.rule},
        {"severity", to_string(finding.severity)},
        {"message", finding.message},
        {"fix", finding.fix},
        {"service", finding.service},
        {"location", location(finding.where, base_dir)},
        {"environments", finding.environments},
        {"suppressed", finding.suppressed()},
    };
    if (!finding.contract_where.file.empty()) out["contract_location"] = location(finding.contract_where, base_dir);
    if (finding.suppressed()) out["suppression_reason"] = finding.suppressed_because;
    return out;
}

}  // namespace

nlohmann::json check_json(const CheckReport& report, const std::string& base_dir) {
    nlohmann::json findings = nlohmann::json::array();
    for (const Finding& finding : report.findings) findings.push_back(finding_json(finding, base_dir));
    nlohmann::json notifications = nlohmann::json::array();
    for (const ComposeWarning& warning : report.notifications)
        notifications.push_back({{"level", "warning"}, {"message", warning.text}, {"location", location(warning.where, base_dir)}});
    return {
        {"meshprobe", report.version},
        {"contract", report.contract},
        {"environments", report.environments},
        {"findings", findings},
        {"notifications", notifications},
        {"summary",
         {{"error", report.count(Severity::error)},
          {"warning", report.count(Severity::warning)},
          {"note", report.count(Severity::note)},
          {"suppressed", report.suppressed()},
          {"seconds", report.seconds}}},
    };
}

std::string render_check_json(const CheckReport& report, const std::string& base_dir) {
    return check_json(report, base_dir).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_input_errors_json(const CheckReport& report, const ShownInputErrors& errors, const std::string& base_dir) {
    nlohmann::json out = check_json(report, base_dir);
    nlohmann::json list = nlohmann::json::array();
    for (const InputError& error : errors.shown)
        list.push_back({{"message", error.message()}, {"location", location(error.where(), base_dir)}});
    out["errors"] = std::move(list);
    out["errors_not_shown"] = errors.more;
    out["summary"]["input_errors"] = errors.shown.size() + errors.more;
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace meshprobe
