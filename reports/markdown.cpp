#include "reports/markdown.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reports/tally.h"

namespace meshprobe {
namespace {

// Plain text inside a paragraph, list item or table cell: every character that Markdown or
// inline HTML could take as markup is backslash-escaped; a line break would end a table row.
std::string text(const std::string& raw) {
    static const std::string markup = "\\`*_[]<>~&#!";
    std::string out;
    for (char c : raw) {
        if (c == '\n' || c == '\r') {
            out += ' ';
            continue;
        }
        if (markup.find(c) != std::string::npos) out += '\\';
        out += c;
    }
    return out;
}

std::size_t longest_backtick_run(const std::string& raw) {
    std::size_t longest = 0;
    std::size_t run = 0;
    for (char c : raw) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

// A code span whose fence is longer than any backtick run inside it, so backticks in an id
// cannot close it early; the padding spaces are stripped again by the renderer.
std::string code(std::string raw) {
    std::replace(raw.begin(), raw.end(), '\n', ' ');
    std::replace(raw.begin(), raw.end(), '\r', ' ');
    if (raw.empty()) return {};
    const std::string fence(longest_backtick_run(raw) + 1, '`');
    const bool pad = raw.front() == '`' || raw.back() == '`' ||
                     (raw.front() == ' ' && raw.back() == ' ');
    const std::string space = pad ? " " : "";
    return fence + space + raw + space + fence;
}

// GitHub splits table rows on '|' before it parses code spans, so a pipe must be escaped
// in every cell, inside a code span too.
std::string cell(const std::string& markdown) {
    std::string out;
    for (char c : markdown) {
        if (c == '|') out += '\\';
        out += c;
    }
    return out;
}

// A fenced block that no run of backticks in the content can close.
std::string fenced_block(const std::string& raw) {
    const std::string fence(std::max<std::size_t>(3, longest_backtick_run(raw) + 1), '`');
    std::string body = raw;
    if (!body.empty() && body.back() != '\n') body += '\n';
    return fence + "\n" + body + fence + "\n";
}

const char* status_icon(const RunReport& report, const Tally& counts) {
    if (counts.fail > 0) return "❌";
    if (counts.error > 0 || !report.infra_error.empty()) return "⚠️";
    return "✅";
}

void append_headline(std::string& out, const RunReport& report, const Tally& counts) {
    out += fmt::format("## {} meshprobe: {}\n\n", status_icon(report, counts), counts_text(counts));
    std::vector<std::string> facts;
    if (!report.contract.empty()) facts.push_back("contract " + code(report.contract));
    if (!report.environment.empty()) facts.push_back("environment " + code(report.environment));
    facts.push_back(fmt::format("{} notes", counts.notes));
    facts.push_back(fmt::format("{} model disagreements", counts.disagreements));
    facts.push_back(fmt::format("{:.2f} s", report.seconds));
    out += fmt::format("{}.\n\n", fmt::join(facts, ", "));
}

void append_suite_table(std::string& out, const RunReport& report) {
    out += "| suite | pass | fail | error |\n|---|--:|--:|--:|\n";
    for (Suite suite : all_suites()) {
        const Tally counts = tally(report.checks, suite);
        if (counts.total() == 0) continue;
        out += fmt::format("| {} | {} | {} | {} |\n", to_string(suite), counts.pass, counts.fail,
                           counts.error);
    }
    out += "\n";
}

void append_problem_table(std::string& out, const RunReport& report) {
    const bool any = std::any_of(report.checks.begin(), report.checks.end(),
                                 [](const Check& c) { return c.verdict != Verdict::pass; });
    if (!any) return;
    out += "### Failures and errors\n\n";
    out += "| verdict | id | expected | observed |\n|---|---|---|---|\n";
    for (Verdict verdict : {Verdict::fail, Verdict::error}) {
        for (const Check& check : report.checks) {
            if (check.verdict != verdict) continue;
            out += fmt::format("| {} | {} | {} | {} |\n", to_string(verdict), cell(code(check.id())),
                               cell(text(check.expected)), cell(text(check.observed)));
        }
    }
    out += "\n";
}

void append_notes(std::string& out, const RunReport& report, const Tally& counts) {
    if (counts.notes == 0) return;
    out += fmt::format("<details><summary>{} notes (reverse paths)</summary>\n\n", counts.notes);
    for (const Check& check : report.checks) {
        if (!check.note.empty()) out += fmt::format("- {}: {}\n", code(check.id()), text(check.note));
    }
    out += "\n</details>\n\n";
}

void append_disagreements(std::string& out, const RunReport& report, const Tally& counts) {
    if (counts.disagreements == 0) return;
    out += "### Model disagreements\n\nThe static model predicted otherwise than the engine did:\n\n";
    for (const Check& check : report.checks) {
        if (check.disagrees())
            out += fmt::format("- {}: predicted {}, seen {}\n", code(check.id()), check.predicted, check.seen);
    }
    out += "\n";
}

void append_warnings(std::string& out, const RunReport& report) {
    if (report.warnings.empty()) return;
    out += "### Warnings\n\n";
    for (const std::string& warning : report.warnings) out += "- " + text(warning) + "\n";
    out += "\n";
}

void append_infrastructure_error(std::string& out, const RunReport& report) {
    if (report.infra_error.empty()) return;
    out += fmt::format("### Infrastructure error\n\n{}\n\n", text(report.infra_error));
    if (report.compose_log.empty()) return;
    out += "<details><summary>compose log</summary>\n\n";
    out += fenced_block(report.compose_log);
    out += "\n</details>\n\n";
}

// Who answered: a container swapped in after the run has another id or start time.
void append_services(std::string& out, const RunReport& report) {
    if (report.services.empty()) return;
    out += fmt::format("<details><summary>{} containers answered</summary>\n\n", report.services.size());
    out += "| service | container | image | started |\n|---|---|---|---|\n";
    for (const ServiceContainer& s : report.services) {
        out += fmt::format("| {}{} | {} | {} | {} |\n", cell(text(s.service)), s.declared ? "" : " (undeclared)",
                           cell(code(s.container)), cell(code(s.image)), cell(text(s.started_at)));
    }
    out += "\n</details>\n\n";
}

}  // namespace

std::string render_markdown(const RunReport& report) {
    const Tally counts = tally(report.checks);
    std::string out;
    append_headline(out, report, counts);
    append_infrastructure_error(out, report);
    append_warnings(out, report);
    append_disagreements(out, report, counts);
    append_suite_table(out, report);
    append_problem_table(out, report);
    append_notes(out, report, counts);
    append_services(out, report);
    return out;
}

std::string table_cell(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '|') out += "\\|";
        else if (c == '\n') out += ' ';
        else out += c;
    }
    return out.empty() ? "-" : out;
}

}  // namespace meshprobe
