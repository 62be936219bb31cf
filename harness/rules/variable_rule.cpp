// MESH018: a topology value reads a variable that nothing sets. compose warns and goes on with
// a blank, so `${HTTP_PORT}:8000` publishes a random host port and `${NET}` names no network;
// the design then depends on whoever runs compose having exported the right shell.
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "rules/rules.h"

namespace meshprobe {

void check_unset_variables(const RuleInput& input, Findings& out) {
    std::set<std::tuple<std::string, std::string, int, int>> seen;
    for (const UnsetVariable& unset : input.model.unset_variables) {
        if (!seen.emplace(unset.name, unset.where.file, unset.where.line, unset.where.column).second) continue;
        const std::string owner = unset.service.empty() ? "a network definition" : unset.service + "'s " + unset.key;
        out.add("MESH018", unset.service, unset.where,
                fmt::format("{} reads ${{{}}}, which neither the environment nor the env file sets: compose reads "
                            "it as blank",
                            owner, unset.name),
                fmt::format("set {0} in the .env file beside the first compose file (or the environment, or the "
                            "contract's env_file), or give it a default: ${{{0}:-value}}",
                            unset.name));
    }
}

}  // namespace meshprobe
