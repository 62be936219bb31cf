#pragma once
#include <optional>
#include <string_view>

namespace meshprobe {

// What a plain scalar means as a boolean to every reader of meshprobe's files: true/false and
// YAML 1.1's yes/no/on/off, in any case, as compose v1 reads them; nullopt for anything else.
std::optional<bool> yaml_boolean(std::string_view text);

}  // namespace meshprobe
