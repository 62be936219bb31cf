#pragma once
#include <string>

namespace meshprobe {

// "30s", "5m", "1h" or a bare number of seconds, as `learn --duration` (and `init --learn`)
// take it. InputError naming `flag` for anything else, zero, or more than a day.
long parse_duration_seconds(const std::string& text, const std::string& flag);

}  // namespace meshprobe
