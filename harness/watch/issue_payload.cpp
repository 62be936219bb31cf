#include "watch/issue_payload.h"

#include <algorithm>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace meshprobe::watch {
namespace {

// GitHub refuses titles over 256 characters; "Resolved: " goes in front of this many.
constexpr std::size_t kTitleCodePoints = 240;

// One line, runs of white space as one space.
std::string one_line(std::string_view text) {
    std::string out;
    for (char c : text) {
        const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
        if (space) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

// At most `limit` code points, cut between code points (the title stays valid UTF-8) and
// ending in an ellipsis when cut.
std::string truncate_code_points(const std::string& text, std::size_t limit) {
    const auto count = static_cast<std::size_t>(std::count_if(text.begin(), text.end(), starts_code_point));
    if (count <= limit) return text;
    std::size_t cut = 0;
    for (std::size_t kept = 0; cut < text.size(); ++cut) {
        if (!starts_code_point(text[cut])) continue;
        if (kept == limit - 1) break;  // room is left for the ellipsis
        ++kept;
    }
    return text.substr(0, cut) + "\u2026";
}

// Plain text inside Markdown: the characters that would start emphasis, code, links, HTML or a
// table cell are escaped.
std::string escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (std::string_view("\\`*_[]<>|~#").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::size_t longest_backtick_run(std::string_view text) {
    std::size_t longest = 0;
    std::size_t run = 0;
    for (char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

// A code span no backtick in the text can close early.
std::string code(std::string_view text) {
    const std::string ticks(longest_backtick_run(text) + 1, '`');
    const bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
    return fmt::format("{0}{1}{2}{1}{0}", ticks, pad ? " " : "", text);
}

// A fenced block no line of the text can close early.
std::string code_block(std::string_view text) {
    const std::string fence(std::max<std::size_t>(3, longest_backtick_run(text) + 1), '`');
    std::string_view trimmed = text;
    while (!trimmed.empty() && trimmed.back() == '\n') trimmed.remove_suffix(1);
    return fmt::format("{0}text\n{1}\n{0}\n", fence, trimmed);
}

std::string open_title(const Violation& v) {
    std::string what = one_line(v.detail);
    if (what.empty()) what = one_line(v.subject.empty() ? v.service : v.service + ": " + v.subject);
    return truncate_code_points(fmt::format("meshprobe: {} ({})", what, to_string(v.kind)), kTitleCodePoints);
}

std::string title(const LogEntry& entry) {
    const std::string open = open_title(entry.violation);
    return entry.state == State::open ? open : "Resolved: " + open;
}

void section(std::string& body, std::string_view heading, const std::string& text) {
    if (text.empty()) return;
    body += fmt::format("\n### {}\n\n{}\n", heading, text);
}

std::string body(const LogEntry& entry) {
    const Violation& v = entry.violation;
    const std::string fingerprint = entry.fingerprint.empty() ? v.fingerprint() : entry.fingerprint;
    const bool open = entry.state == State::open;
    std::string out;
    if (open) {
        out += fmt::format("meshprobe watch sees a departure from the contract (mesh.yaml): **{}**\n",
                           escape(one_line(v.detail)));
    } else {
        out += fmt::format("Resolved: meshprobe watch no longer sees this departure from the contract "
                           "(mesh.yaml): **{}**\n",
                           escape(one_line(v.detail)));
    }
    out += "\n";
    out += fmt::format("- **Service:** {}\n", code(v.service));
    out += fmt::format("- **Tier:** {}\n", v.tier.empty() ? "none (the contract gives it no tier)" : code(v.tier));
    out += fmt::format("- **Network:** {}\n", v.network ? code(*v.network) : "none");
    out += fmt::format("- **Kind:** {}\n", code(to_string(v.kind)));
    out += fmt::format("- **{}:** {}\n", open ? "First seen" : "Resolved", escape(entry.time));
    section(out, "What the contract says", escape(v.expected));
    if (!v.evidence.empty()) section(out, "What was seen", code_block(v.evidence));
    section(out, "How to fix it", escape(v.fix));
    out += fmt::format("\n---\nFingerprint: {} (the same for this violation across restarts of watch; "
                       "its resolution carries it too)\n",
                       code(fingerprint));
    out += fmt::format("<!-- meshprobe-fingerprint: {} -->\n", fingerprint);
    return out;
}

}  // namespace

nlohmann::json issue_payload(const LogEntry& entry) {
    nlohmann::json payload = entry;
    payload["title"] = title(entry);
    payload["body"] = body(entry);
    payload["labels"] = nlohmann::json::array({"meshprobe", std::string(to_string(entry.violation.kind))});
    return payload;
}

}  // namespace meshprobe::watch
