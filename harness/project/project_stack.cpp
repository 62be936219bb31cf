#include "project/project_stack.h"

#include "core/errors.h"
#include "engine/docker_api.h"
#include "exec/interrupt.h"
#include "orchestrator/orchestrators.h"
#include "topology/live_topology.h"

namespace meshprobe {

ModelSource rendered_by(const std::string& orchestrator) {
    require_known_orchestrator(orchestrator);
    return [orchestrator](const ComposeProject& project) { return make_orchestrator(orchestrator, project)->render(); };
}

ContractEnvironment load_project(const std::string& contract_path, const std::string& environment,
                                 const std::string& orchestrator, const ComposeFlags& flags) {
    return load_contract_environment(contract_path, environment, rendered_by(orchestrator), flags);
}

LiveStack running_stack(const std::string& docker_host, const std::string& orchestrator, const StackModel& model,
                        const std::string& project) {
    Docker docker(docker_host);
    docker.client().set_cancel_flag(&interrupted());
    LiveStack live = make_orchestrator(orchestrator, project)->discover(docker, external_networks(model, project));
    if (live.containers.empty()) {
        throw InfraError("--live: the engine at " + docker.client().host().url() + " has no container of project " +
                         project + " (bring the stack up first, or leave out --live for the compose files' model)");
    }
    return live;
}

}  // namespace meshprobe
