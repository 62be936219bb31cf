#include "reports/static/check_github.h"

#include <fmt/format.h>

#include "reports/report_paths.h"
#include "reports/tally.h"

namespace meshprobe {
namespace {

// Workflow command escaping: data escapes %, CR and LF; property values also : and ,.
std::string escape_data(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '%': out += "%25"; break;
            case '\r': out += "%0D"; break;
            case '\n': out += "%0A"; break;
            default: out += c;
        }
    }
    return out;
}

std::string escape_property(const std::string& text) {
    std::string out;
    for (char c : escape_data(text)) {
        switch (c) {
            case ':': out += "%3A"; break;
            case ',': out += "%2C"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace

std::string render_check_github(const CheckReport& report, const std::string& base_dir) {
    std::string out;
    for (const Finding& finding : report.findings) {
        if (finding.suppressed() || finding.severity == Severity::note) continue;
        std::string properties = "file=" + escape_property(relative_path(finding.where.file, base_dir));
        if (finding.where.line) properties += fmt::format(",line={}", finding.where.line);
        if (finding.where.column) properties += fmt::format(",col={}", finding.where.column);
        properties += ",title=" + escape_property(finding.rule);
        std::string message = finding.message;
        if (report.environments.size() > 1) message += fmt::format(" [{}]", fmt::join(finding.environments, ", "));
        if (!finding.fix.empty()) message += "\nfix: " + finding.fix;
        out += fmt::format("::{} {}::{}\n", finding.severity == Severity::error ? "error" : "warning", properties,
                           escape_data(message));
    }
    out += fmt::format("meshprobe check: {}, {}, {}, {} suppressed\n", counted(report.count(Severity::error), "error"),
                       counted(report.count(Severity::warning), "warning"), counted(report.count(Severity::note), "note"),
                       report.suppressed());
    return out;
}

}  // namespace meshprobe
