#pragma once
#include <functional>
#include <string>

#include "rules/check_run.h"
#include "project/model_source.h"

namespace meshprobe {

// Loads the contract, the compose model of each environment to check (see
// environments_to_check) from `source`, and runs every rule. InputError (exit 2) for a
// contract or compose file that cannot be read, or a contract naming services compose lacks
// in a flow or suppression. `progress` hears what is being read, for --verbose; `flags` are
// compose's own options (project/compose_view.h).
CheckReport check_files(const std::string& contract_path, const std::string& environment, bool all_environments,
                        const ModelSource& source, const std::function<void(const std::string&)>& progress = {},
                        const ComposeFlags& flags = {});

}  // namespace meshprobe
