#pragma once
#include <string>
#include <vector>

#include "core/stack_model.h"

namespace meshprobe::testing {

// Compose's own rendering of a project (`docker compose config`) read with meshprobe's loader,
// as `check` and `run` read the files: the oracle tests compare what compose made of a project
// with what meshprobe makes of it through one reader, not a second one that could disagree.
// `profiles` are the active ones: compose 1.29 renders the services of every profile.
StackModel load_rendered(const std::string& rendered, const std::vector<std::string>& profiles = {});

}  // namespace meshprobe::testing
