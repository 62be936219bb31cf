#include "yaml/yaml_boolean.h"

#include <algorithm>
#include <string>

namespace meshprobe {

std::optional<bool> yaml_boolean(std::string_view text) {
    std::string value(text);
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
    if (value == "true" || value == "yes" || value == "on") return true;
    if (value == "false" || value == "no" || value == "off") return false;
    return std::nullopt;
}

}  // namespace meshprobe
