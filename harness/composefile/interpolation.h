#pragma once
#include <map>
#include <optional>
#include <string>

#include "core/stack_model.h"
#include "yaml/yaml_tree.h"
#include "core/source_location.h"

namespace meshprobe {

using Variables = std::map<std::string, std::string>;

// Substitutes compose variables in one value: `$VAR`, `${VAR}`, `${VAR:-default}`,
// `${VAR-default}`, `${VAR:?message}`, `${VAR?message}`, `${VAR:+alternative}`,
// `${VAR+alternative}`, and `$$` for a literal `$`. Defaults may hold further variables.
// An unset variable without a default is empty, as in compose. Throws InputError at `where`
// for a required variable that is missing and for a malformed expression.
// With `unset`, each variable read as blank for want of a value or a default is added to it,
// its service and key taken from `context`.
std::string interpolate(const std::string& text, const Variables& variables, const SourceLocation& where,
                        std::vector<UnsetVariable>* unset = nullptr, const UnsetVariable* context = nullptr);

// Interpolates every scalar value (not the keys) under `node`.
void interpolate_values(YamlNode& node, const Variables& variables, std::vector<UnsetVariable>* unset = nullptr,
                        const UnsetVariable* context = nullptr);

}  // namespace meshprobe
