#pragma once
#include <memory>
#include <string>

#include "compose/compose_runner.h"
#include "orchestrator/orchestrator.h"

namespace meshprobe {

// The orchestrators this meshprobe knows, as --orchestrator names them (docs/commands.md).
inline constexpr const char* kDefaultOrchestrator = "compose";

// InputError (exit 2) for a name that is not one of them, saying which are.
void require_known_orchestrator(const std::string& name);

// The one place a command gets its orchestrator from: `name` as --orchestrator gives it, for
// the project `project` describes (its files, profiles and engine).
std::unique_ptr<Orchestrator> make_orchestrator(const std::string& name, ComposeProject project);
// For a stack known by its name alone: enough to discover what runs and to clean up, not to
// render or bring it up.
std::unique_ptr<Orchestrator> make_orchestrator(const std::string& name, const std::string& project);

}  // namespace meshprobe
