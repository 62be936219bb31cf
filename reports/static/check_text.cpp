#include "reports/static/check_text.h"

#include <fmt/format.h>

#include "reports/report_paths.h"
#include "reports/tally.h"

namespace meshprobe {
namespace {

class Palette {
public:
    explicit Palette(bool on) : on_(on) {}
    std::string paint(const std::string& text, const char* code) const {
        return on_ ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : text;
    }
    std::string severity(const Finding& finding) const {
        if (finding.suppressed()) return paint("suppressed", "2");
        switch (finding.severity) {
            case Severity::error: return paint("error", "31");
            case Severity::warning: return paint("warning", "33");
            case Severity::note: return paint("note", "36");
        }
        return "?";
    }

private:
    bool on_;
};

bool shown(const Finding& finding, const CheckRenderOptions& options) {
    if (options.quiet) return finding.fails();
    return finding.severity != Severity::note || options.verbose;
}

// The environments a finding was seen in, when that is not simply all of them.
std::string environment_tag(const Finding& finding, const CheckReport& report) {
    if (report.environments.size() < 2 || finding.environments.size() == report.environments.size()) return "";
    return fmt::format(" [{}]", fmt::join(finding.environments, ", "));
}


std::string summary(const CheckReport& report, const CheckRenderOptions& options) {
    std::string text = fmt::format("meshprobe check: {}, {}", counted(report.count(Severity::error), "error"),
                                   counted(report.count(Severity::warning), "warning"));
    int notes = report.count(Severity::note);
    if (notes > 0) text += fmt::format(", {}{}", counted(notes, "note"), options.verbose ? "" : " (-v shows them)");
    if (report.suppressed() > 0) text += fmt::format(", {} suppressed", report.suppressed());
    text += fmt::format(" in {} {} ({:.0f} ms)\n", report.environments.size() == 1 ? "environment" : "environments",
                        fmt::join(report.environments, ", "), report.seconds * 1000);
    return text;
}

}  // namespace

std::string render_check_text(const CheckReport& report, const CheckRenderOptions& options) {
    const Palette palette(options.color);
    std::string out;
    std::string current_file;
    bool first = true;
    for (const Finding& finding : report.findings) {
        if (!shown(finding, options)) continue;
        std::string file = relative_path(finding.where.file, options.base_dir);
        if (first || file != current_file) {
            out += fmt::format("{}{}\n", first ? "" : "\n", palette.paint(file.empty() ? "(no file)" : file, "1"));
            current_file = file;
            first = false;
        }
        out += fmt::format("  {:>4}  {} {}{}: {}\n", finding.where.line ? std::to_string(finding.where.line) : "-",
                           palette.severity(finding), palette.paint(finding.rule, "1"),
                           environment_tag(finding, report), finding.message);
        if (finding.suppressed()) {
            out += fmt::format("        suppressed: {}\n", finding.suppressed_because);
        } else if (!finding.fix.empty()) {
            out += fmt::format("        fix: {}\n", finding.fix);
        }
    }
    if (options.quiet) return out;
    if (!first) out += "\n";
    return out + summary(report, options);
}

}  // namespace meshprobe
