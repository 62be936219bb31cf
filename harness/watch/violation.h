#pragma once
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace meshprobe::watch {

// The kinds of docs/watch.md's violation log, in the log's own words.
enum class Kind { attachment, publish, alias, reach, dns, egress, health, tier };

std::string_view to_string(Kind kind);
std::optional<Kind> kind_from_string(std::string_view text);

enum class State { open, resolved };

std::string_view to_string(State state);

// One departure from the contract that watch saw, with what a person needs to act on it.
struct Violation {
    Kind kind = Kind::attachment;
    std::string service;
    std::optional<std::string> network;
    // One line: what is wrong now.
    std::string detail;
    // What identifies this violation across its lifetime and across restarts of watch
    // (for example "port 5432" or "network devonb_data"); hashed into the fingerprint.
    std::string subject;
    // For the issue a webhook opens: the service's tier, what the contract says, what was
    // observed, and how to fix it.
    std::string tier;
    std::string expected;
    std::string evidence;
    std::string fix;

    // Stable over time, restarts and wording changes: kind, service, network and subject only.
    std::string fingerprint() const;
};

// A violation as one line of the log: the state it entered at `time` (ISO-8601, UTC).
struct LogEntry {
    std::string time;
    Violation violation;
    State state = State::open;
    // The violation's fingerprint; for one read back from an earlier log, the log's (its
    // subject is not in the log, so it cannot be computed again).
    std::string fingerprint;
};

// The log line's object: time, kind, service, network, detail, fingerprint, state.
void to_json(nlohmann::json& out, const LogEntry& entry);

// The current time as ISO-8601 UTC with milliseconds ("2026-12-04T05:01:02.345Z").
std::string iso8601_now();

}  // namespace meshprobe::watch
