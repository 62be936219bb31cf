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

// "file=F,line=L,col=C": what is known of the location, escaped.
std::string location_properties(const SourceLocation& where, const std::string& base_dir) {
    std::string properties = "file=" + escape_property(relative_path(where.file, base_dir));
    if (where.line) properties += fmt::format(",line={}", where.line);
    if (where.column) properties += fmt::format(",col={}", where.column);
    return properties;
}

// An annotation of a line when the file is known, else of the run.
std::string optional_location(const SourceLocation& where, const std::string& base_dir) {
    return where.file.empty() ? "" : location_properties(where, base_dir) + ",";
}

std::string compose_warnings(const CheckReport& report, const std::string& base_dir) {
    std::string out;
    for (const ComposeWarning& warning : report.notifications)
        out += fmt::format("::warning {}title=meshprobe compose::{}\n", optional_location(warning.where, base_dir),
                           escape_data(warning.text));
    return out;
}

}  // namespace

std::string render_check_github(const CheckReport& report, const std::string& base_dir) {
    std::string out = compose_warnings(report, base_dir);
    for (const Finding& finding : report.findings) {
        if (finding.suppressed() || finding.severity == Severity::note) continue;
        std::string properties = location_properties(finding.where, base_dir) + ",title=" + escape_property(finding.rule);
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

std::string render_input_errors_github(const CheckReport& report, const ShownInputErrors& errors, const std::string& base_dir) {
    std::string out = compose_warnings(report, base_dir);
    for (const InputError& error : errors.shown) {
        // A mistake with no file (a flag) is still an annotation, of the run rather than a line.
        out += fmt::format("::error {}title=meshprobe input error::{}\n", optional_location(error.where(), base_dir),
                           escape_data(error.message()));
    }
    if (errors.more) out += fmt::format("::error title=meshprobe input error::and {} more\n", errors.more);
    out += fmt::format("meshprobe check: {}; nothing was checked\n", counted(static_cast<int>(errors.shown.size() + errors.more), "input error"));
    return out;
}

}  // namespace meshprobe
