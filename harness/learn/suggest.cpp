#include "learn/suggest.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/text_lines.h"

namespace meshprobe {
namespace {

std::string indent_of(const std::string& line) { return line.substr(0, line.find_first_not_of(' ')); }

// One edit of the file: `removed` old lines from `line` on (1-based) replaced by `added`; an
// insertion before `line` removes none.
struct Hunk {
    int line = 0;
    int removed = 0;
    std::vector<std::string> added;
};

// A unified diff with no context lines, which `patch` applies.
std::string unified(const std::string& name, const std::vector<std::string>& old_lines, std::vector<Hunk> hunks) {
    std::sort(hunks.begin(), hunks.end(), [](const Hunk& a, const Hunk& b) { return a.line < b.line; });
    std::string out = fmt::format("--- {}\n+++ {}\n", name, name);
    int shift = 0;
    for (const Hunk& h : hunks) {
        // An insertion is numbered after the line before it (`-L,0`), as diff writes it.
        const int old_start = h.removed == 0 ? h.line - 1 : h.line;
        const int new_start = h.line + shift;
        out += fmt::format("@@ -{},{} +{},{} @@\n", old_start, h.removed, h.added.empty() ? new_start - 1 : new_start,
                           h.added.size());
        const auto first = static_cast<std::size_t>(h.line - 1);
        for (std::size_t i = 0; i < static_cast<std::size_t>(h.removed); ++i) out += "-" + old_lines[first + i] + "\n";
        for (const std::string& line : h.added) out += "+" + line + "\n";
        shift += static_cast<int>(h.added.size()) - h.removed;
    }
    return out;
}

// The tier's egress made allow: on its own line (`app: {network: app, egress: deny}`) or on a
// line of its block below it.
std::optional<Hunk> allow_egress(const std::vector<std::string>& lines, int tier_line) {
    if (tier_line <= 0 || tier_line > static_cast<int>(lines.size())) return std::nullopt;
    const std::size_t indent = indent_of(lines[static_cast<std::size_t>(tier_line - 1)]).size();
    for (std::size_t i = static_cast<std::size_t>(tier_line - 1); i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (i + 1 > static_cast<std::size_t>(tier_line) && line.find_first_not_of(' ') != std::string::npos &&
            indent_of(line).size() <= indent) {
            break;  // past the tier's block
        }
        const auto at = line.find("egress: deny");
        if (at == std::string::npos) continue;
        std::string edited = line;
        edited.replace(at, 12, "egress: allow");
        return Hunk{static_cast<int>(i + 1), 1, {edited}};
    }
    return std::nullopt;
}

}  // namespace

std::string render_suggestions(const LearnReport& report, const SuggestTarget& target,
                               const std::vector<Unused>& unused) {
    const std::vector<std::string> lines = lines_of(target.text);
    // Undeclared flows between services, their ports merged per pair.
    std::map<std::pair<std::string, std::string>, std::set<int>> wanted;
    std::set<std::string> egress_of;  // services whose connections out are undeclared
    for (const LearnedFlow& f : report.flows) {
        if (f.declaration.declared) continue;
        if (f.flow.to_kind == Peer::Kind::service) {
            wanted[{f.flow.from, f.flow.to}].insert(f.flow.port);
        } else {
            egress_of.insert(f.flow.from);
        }
    }
    std::vector<Hunk> hunks;
    std::vector<std::string> notes;
    if (!wanted.empty()) {
        std::vector<std::string> entries;
        const bool has_flows = target.first_flow_line > 0 && target.first_flow_line <= static_cast<int>(lines.size());
        const std::string indent =
            has_flows ? indent_of(lines[static_cast<std::size_t>(target.first_flow_line - 1)]) : "  ";
        if (!has_flows) entries.push_back("flows:");
        for (const auto& [pair, ports] : wanted) {
            entries.push_back(fmt::format("{}- {{from: {}, to: {}, ports: [{}]}}", indent, pair.first, pair.second,
                                          fmt::join(ports, ", ")));
        }
        hunks.push_back({has_flows ? target.first_flow_line : static_cast<int>(lines.size()) + 1, 0, entries});
    }
    std::set<int> edited;
    for (const SuggestTarget::DeniedEgress& denied : target.denied_egress) {
        if (!egress_of.count(denied.service)) continue;
        std::optional<Hunk> hunk = allow_egress(lines, denied.line);
        if (!hunk) {
            notes.push_back(fmt::format("# {} connects out, but tier {}'s egress: deny is not in {}: allow it there",
                                        denied.service, denied.tier, target.shown_name));
        } else if (edited.insert(hunk->line).second) {
            hunks.push_back(*hunk);
        }
    }
    std::string out = hunks.empty() ? "" : unified(target.shown_name, lines, hunks);
    for (const std::string& note : notes) out += note + "\n";
    if (!unused.empty()) {
        out += fmt::format("# allowed by the contract, never seen in {} s:\n", report.seconds);
        for (const Unused& u : unused) out += fmt::format("#   {} ({})\n", u.what, u.where);
    }
    if (out.empty()) out = "# nothing to change: every flow seen is declared, and everything allowed was used\n";
    return out;
}

}  // namespace meshprobe
