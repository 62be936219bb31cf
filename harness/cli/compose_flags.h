#pragma once
#include "cli/global_options.h"

namespace CLI {
class App;
}

namespace meshprobe {

// Registers compose's own options (-f, -p, --profile, --env-file, --project-directory) as
// global flags, taken before or after the command as `docker compose` takes them, and makes
// project loading say what it read under -v and warn unless -q.
void add_compose_flags(CLI::App& app, GlobalOptions& global);

}  // namespace meshprobe
