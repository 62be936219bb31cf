#include "core/quoted_name.h"

#include <algorithm>
#include <cctype>

namespace meshprobe {

std::string quoted_name(const std::string& key) {
    const bool name_like = !key.empty() && key.size() <= 64 && std::all_of(key.begin(), key.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '.' || c == '-';
    });
    if (name_like) return "'" + key + "'";
    return "of " + std::to_string(key.size()) + " characters, not shown";
}

}  // namespace meshprobe
