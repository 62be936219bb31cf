#include "learn/duration.h"

#include <charconv>

#include "core/errors.h"

namespace meshprobe {

long parse_duration_seconds(const std::string& text, const std::string& flag) {
    long value = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    auto [rest, error] = std::from_chars(begin, end, value);
    const std::string unit(rest, end);
    long scale = 0;
    if (unit.empty() || unit == "s") scale = 1;
    if (unit == "m") scale = 60;
    if (unit == "h") scale = 3600;
    const long kDay = 86400;
    if (error != std::errc{} || rest == begin || scale == 0 || value <= 0 || value > kDay / scale) {
        throw InputError(flag + " '" + text + "': a duration from 1s to 24h, written as 30s, 5m, 1h or seconds");
    }
    return value * scale;
}

}  // namespace meshprobe
