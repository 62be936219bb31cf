#include "reports/summary.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "reports/reach_matrix.h"
#include "reports/tally.h"

namespace meshprobe {
namespace {

using Cell = ReachMatrix::Cell;

namespace ansi {
const char* const green = "\x1b[32m";
const char* const red = "\x1b[31m";
const char* const yellow = "\x1b[33m";
const char* const cyan = "\x1b[36m";
const char* const dim = "\x1b[2m";
const char* const bold = "\x1b[1m";
const char* const reset = "\x1b[0m";
}  // namespace ansi

class Painter {
public:
    explicit Painter(const SummaryStyle& style) : style_(style) {}

    std::string paint(const std::string& text, const char* colour) const {
        return style_.color ? colour + text + ansi::reset : text;
    }

    // Every symbol is one terminal column wide, whichever set is used.
    std::string symbol(Cell cell) const {
        const bool u = style_.unicode;
        switch (cell) {
            case Cell::none: return " ";
            case Cell::reached: return paint(u ? "✓" : "+", ansi::green);
            case Cell::blocked: return paint(u ? "·" : ".", ansi::dim);
            case Cell::failed: return paint(u ? "✗" : "X", ansi::red);
            case Cell::error: return paint("!", ansi::yellow);
            case Cell::note: return paint("~", ansi::cyan);
        }
        return " ";
    }

    std::string arrow() const { return style_.unicode ? "→" : "->"; }

private:
    const SummaryStyle& style_;
};

std::string spaces(std::size_t count) { return std::string(count, ' '); }

void end_line(std::string& out, std::string line) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
}

// Column labels are the service names when the matrix fits the terminal; otherwise numbers,
// explained by a key under the matrix.
std::vector<std::string> column_labels(const ReachMatrix& matrix, std::size_t row_width,
                                       int terminal_width) {
    std::size_t full_width = row_width;
    for (const std::string& target : matrix.targets()) full_width += 2 + target.size();
    if (terminal_width <= 0 || full_width <= static_cast<std::size_t>(terminal_width)) {
        return matrix.targets();
    }
    std::vector<std::string> numbers;
    for (std::size_t i = 1; i <= matrix.targets().size(); ++i) numbers.push_back(std::to_string(i));
    return numbers;
}

void append_matrix(std::string& out, const RunReport& report, const SummaryStyle& style,
                   const Painter& painter) {
    const ReachMatrix matrix(report.checks);
    if (matrix.empty()) return;

    std::size_t row_width = 0;
    for (const std::string& vantage : matrix.vantages()) row_width = std::max(row_width, vantage.size());
    const std::vector<std::string> labels = column_labels(matrix, row_width, style.width);
    const bool numbered = labels != matrix.targets();

    out += fmt::format("reach: from (rows) {} to (columns)\n", painter.arrow());
    std::string header = spaces(row_width);
    for (const std::string& label : labels) header += "  " + label;
    end_line(out, header);

    for (const std::string& vantage : matrix.vantages()) {
        std::string row = vantage + spaces(row_width - vantage.size());
        for (std::size_t column = 0; column < labels.size(); ++column) {
            const std::size_t width = std::max<std::size_t>(labels[column].size(), 1);
            const std::size_t left = (width - 1) / 2;
            row += "  " + spaces(left) +
                   painter.symbol(matrix.at(vantage, matrix.targets()[column])) +
                   spaces(width - 1 - left);
        }
        end_line(out, row);
    }
    if (numbered) {
        for (std::size_t i = 0; i < labels.size(); ++i) {
            out += fmt::format("  {} {}\n", labels[i], matrix.targets()[i]);
        }
    }
    out += fmt::format("{} reached  {} blocked as expected  {} failed  {} error  {} reverse path (note)\n\n",
                       painter.symbol(Cell::reached), painter.symbol(Cell::blocked),
                       painter.symbol(Cell::failed), painter.symbol(Cell::error),
                       painter.symbol(Cell::note));
}

void append_problems(std::string& out, const RunReport& report, const Painter& painter) {
    bool any = false;
    for (Verdict verdict : {Verdict::fail, Verdict::error}) {
        const std::string label = verdict == Verdict::fail ? painter.paint("FAIL", ansi::red)
                                                           : painter.paint("ERROR", ansi::yellow);
        for (const Check& check : report.checks) {
            if (check.verdict != verdict) continue;
            out += fmt::format("{} {}  {}\n", label, check.id(), expected_observed(check));
            any = true;
        }
    }
    if (!report.infra_error.empty()) {
        out += fmt::format("{} infrastructure  {}\n", painter.paint("ERROR", ansi::yellow),
                           report.infra_error);
        any = true;
    }
    for (const std::string& warning : report.warnings) {
        out += fmt::format("{} {}\n", painter.paint("WARNING", ansi::yellow), warning);
        any = true;
    }
    for (const Check& check : report.checks) {
        if (!check.disagrees()) continue;
        out += fmt::format("{} {}  the model predicted {}, the engine did {}\n", painter.paint("MODEL", ansi::yellow),
                           check.id(), check.predicted, check.seen == Reach::reachable ? "carry it" : "not carry it");
        any = true;
    }
    if (any) out += '\n';
}

const char* final_colour(const RunReport& report, const Tally& counts) {
    if (counts.fail > 0) return ansi::red;
    if (counts.error > 0 || !report.infra_error.empty()) return ansi::yellow;
    return ansi::green;
}

}  // namespace

std::string summary_line(const RunReport& report) {
    const Tally counts = tally(report.checks);
    return fmt::format("meshprobe: {} ({} notes{}) in {:.2f} s", counts_text(counts), counts.notes,
                       counts.disagreements ? fmt::format(", {} model disagreements", counts.disagreements) : "",
                       report.seconds);
}

std::string render_summary(const RunReport& report, const SummaryStyle& style) {
    const Painter painter(style);
    std::string out;
    append_matrix(out, report, style, painter);
    append_problems(out, report, painter);
    const std::string colour = std::string(ansi::bold) + final_colour(report, tally(report.checks));
    out += painter.paint(summary_line(report), colour.c_str()) + "\n";
    return out;
}

}  // namespace meshprobe
