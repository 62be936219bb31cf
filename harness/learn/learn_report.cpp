#include "learn/learn_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reports/markdown.h"

namespace meshprobe {
namespace {

long undeclared_count(const LearnReport& report) {
    long n = 0;
    for (const LearnedFlow& f : report.flows) n += f.declaration.declared ? 0 : 1;
    return n;
}

std::string declared_text(const Declaration& d) {
    if (!d.declared) return "undeclared";
    return d.where.empty() ? "declared" : "declared by " + d.where;
}

std::string summary_line(const LearnReport& report) {
    std::string line = fmt::format("{} flow(s) in {} s, {} undeclared", report.flows.size(), report.seconds,
                                   undeclared_count(report));
    if (report.interrupted) line += " (stopped by Ctrl-C)";
    if (report.overflows > 0) {
        line += fmt::format("; the kernel dropped events {} time(s): counts are lower bounds", report.overflows);
    }
    return line;
}

}  // namespace

std::vector<LearnedFlow> judge_flows(const std::vector<SeenFlow>& flows, const FlowJudge& judge) {
    std::vector<LearnedFlow> out;
    out.reserve(flows.size());
    for (const SeenFlow& flow : flows) out.push_back({flow, judge(flow)});
    return out;
}

std::string render_learn_text(const LearnReport& report) {
    std::string out;
    for (const LearnedFlow& f : report.flows) {
        out += fmt::format("{} -> {}:{}/{}: {} connection(s), {}\n  {}\n", f.flow.from, f.flow.to, f.flow.port,
                           f.flow.protocol, f.flow.connections, declared_text(f.declaration), f.declaration.reason);
    }
    return out + summary_line(report) + "\n";
}

std::string render_learn_json(const LearnReport& report) {
    nlohmann::json out = {{"project", report.project},   {"environment", report.environment},
                          {"seconds", report.seconds},   {"interrupted", report.interrupted},
                          {"overflows", report.overflows}, {"flows", nlohmann::json::array()}};
    for (const LearnedFlow& f : report.flows) {
        out["flows"].push_back({{"from", f.flow.from},
                                {"to", f.flow.to},
                                {"port", f.flow.port},
                                {"protocol", f.flow.protocol},
                                {"connections", f.flow.connections},
                                {"declared", f.declaration.declared},
                                {"by", f.declaration.where},
                                {"reason", f.declaration.reason}});
    }
    return out.dump(2) + "\n";
}

std::string render_learn_markdown(const LearnReport& report) {
    std::string out =
        fmt::format("## Flows of {} seen by meshprobe learn\n\n{}\n\n", report.project, summary_line(report));
    if (report.flows.empty()) return out;
    out += "| from | to | port | protocol | connections | declared | why |\n"
           "| --- | --- | --- | --- | --- | --- | --- |\n";
    for (const LearnedFlow& f : report.flows) {
        out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", table_cell(f.flow.from), table_cell(f.flow.to),
                           f.flow.port, f.flow.protocol, f.flow.connections,
                           table_cell(declared_text(f.declaration)), table_cell(f.declaration.reason));
    }
    return out;
}

}  // namespace meshprobe
