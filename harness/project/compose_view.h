#pragma once
#include <string>
#include <vector>

#include "composefile/interpolation.h"
#include "contract/contract.h"
#include "project/compose_flags.h"

namespace meshprobe {

// What `docker compose` would read for a contract, and where each part came from. Precedence,
// strongest first (docs/commands.md): compose's flags on the command line; what the contract
// writes (`compose.files`, `project:`); COMPOSE_FILE, COMPOSE_PROFILES, COMPOSE_PROJECT_NAME
// from the environment, then from the env files; the compose files' top-level `name:`;
// compose's defaults (its file names in the contract's folder with the override beside them,
// the folder's name).
struct ComposeView {
    std::vector<std::string> files;
    std::vector<std::string> env_files;
    std::vector<std::string> profiles;
    std::string project;
    std::string project_directory;  // empty: the first file's folder
    std::string files_from, profiles_from, project_from;  // "-f", "COMPOSE_FILE in /x/.env", ...
    // What compose run in the contract's folder would read that this view leaves out, in words.
    std::vector<ComposeWarning> warnings;
};

// The view for `contract` (as load_contract read it) under `flags`, with `environment` the
// process environment. Relative -f, --env-file and --project-directory are read from `cwd`;
// COMPOSE_FILE's entries from the contract's folder, where compose would run. InputError for a
// file that is not there, an empty -p.
ComposeView resolve_compose_view(const Contract& contract, const ComposeFlags& flags, const Variables& environment,
                                 const std::string& cwd);

// The contract set to read what the view says.
void apply_compose_view(Contract& contract, const ComposeView& view);

// The view for `contract` under `flags`, the process environment and the working folder.
ComposeView compose_view_for(const Contract& contract, const ComposeFlags& flags);

// Says what the view reads through flags.tell, and warns through flags.warn.
void tell_compose_view(const ComposeView& view, const ComposeFlags& flags);

// The view `check` will take of a contract not written yet at `contract_path`, one with no
// `project:` and no compose section (what `init` writes from): compose's defaults in its folder
// under `flags`, the process environment and the working folder.
ComposeView compose_view_before_contract(const std::string& contract_path, const ComposeFlags& flags);

// load_contract, then the view of `flags` and the process environment applied; says what it
// reads through flags.tell and warns through flags.warn.
Contract load_compose_contract(const std::string& contract_path, const ComposeFlags& flags);

}  // namespace meshprobe
