#include "watch/violation.h"

#include <array>
#include <chrono>
#include <ctime>

#include <fmt/format.h>

#include "engine/sha256.h"

namespace meshprobe::watch {

namespace {
constexpr std::array<std::string_view, 8> kKindNames = {
    "attachment", "publish", "alias", "reach", "dns", "egress", "health", "tier"};
}

std::string_view to_string(Kind kind) { return kKindNames.at(static_cast<size_t>(kind)); }

std::optional<Kind> kind_from_string(std::string_view text) {
    for (size_t i = 0; i < kKindNames.size(); ++i)
        if (kKindNames[i] == text) return static_cast<Kind>(i);
    return std::nullopt;
}

std::string_view to_string(State state) { return state == State::open ? "open" : "resolved"; }

std::string Violation::fingerprint() const {
    // A separator no compose name can hold keeps ("a", "b c") apart from ("a b", "c").
    const std::string key = fmt::format("{}\x1f{}\x1f{}\x1f{}", to_string(kind), service,
                                        network.value_or(""), subject);
    return sha256_hex(key).substr(0, 16);
}

void to_json(nlohmann::json& out, const LogEntry& entry) {
    const Violation& v = entry.violation;
    out = nlohmann::json{{"time", entry.time},
                         {"kind", to_string(v.kind)},
                         {"service", v.service},
                         {"network", v.network ? nlohmann::json(*v.network) : nlohmann::json()},
                         {"detail", v.detail},
                         {"fingerprint", entry.fingerprint.empty() ? v.fingerprint() : entry.fingerprint},
                         {"state", to_string(entry.state)}};
}

std::string iso8601_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                       utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
}

}  // namespace meshprobe::watch
