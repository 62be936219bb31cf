#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/source_location.h"

namespace meshprobe {

// What compose run where the contract is would read that the contract leaves out: said on
// standard error and in check's reports, at the contract line that would settle it.
struct ComposeWarning {
    std::string text;
    SourceLocation where;  // file only, or nothing, when no line settles it
};

// Compose's own options, as `docker compose` takes them, given to any command that reads
// compose files (docs/commands.md, "Compose's options"). Empty: not given.
struct ComposeFlags {
    std::vector<std::string> files;       // -f/--file, in order
    std::string project_name;             // -p/--project-name
    std::vector<std::string> profiles;    // --profile
    std::vector<std::string> env_files;   // --env-file, in order (later ones win)
    std::string project_directory;        // --project-directory

    // Where a command's project loading says what it read (-v) and what compose would read that
    // the contract leaves out (a warning). Unset: silent.
    std::function<void(const std::string&)> tell;
    std::function<void(const ComposeWarning&)> warn;
};

}  // namespace meshprobe
