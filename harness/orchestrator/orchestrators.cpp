#include "orchestrator/orchestrators.h"

#include "core/errors.h"
#include "orchestrator/compose/compose_orchestrator.h"

namespace meshprobe {

void require_known_orchestrator(const std::string& name) {
    if (name == "compose") return;
    if (name == "swarm") {
        throw InputError("--orchestrator swarm: not supported yet; this meshprobe deploys and judges stacks with "
                         "compose only (--orchestrator compose, the default)");
    }
    throw InputError("--orchestrator " + name + ": no such orchestrator (this meshprobe knows: compose)");
}

std::unique_ptr<Orchestrator> make_orchestrator(const std::string& name, ComposeProject project) {
    require_known_orchestrator(name);
    return std::make_unique<ComposeOrchestrator>(std::move(project));
}

std::unique_ptr<Orchestrator> make_orchestrator(const std::string& name, const std::string& project) {
    ComposeProject named;
    named.name = project;
    return make_orchestrator(name, std::move(named));
}

}  // namespace meshprobe
