#pragma once
#include <string>

#include "core/stack_model.h"
#include "live/stack.h"
#include "project/model_source.h"

namespace meshprobe {

// Project loading through the orchestrator the global --orchestrator names: the declared stack
// as that orchestrator renders it (Orchestrator::render), and what runs as it discovers it.
// Every command that reads a project starts here; model_source.h is the compose reading that
// compose's render is made of.

// The declared stack of a compose project as orchestrator `orchestrator` renders it.
// InputError for an orchestrator this meshprobe does not know.
ModelSource rendered_by(const std::string& orchestrator);

// load_contract_environment with the model rendered by `orchestrator`. InputError (file:line)
// for a contract or compose file in error, an environment the contract lacks, an unknown
// orchestrator.
ContractEnvironment load_project(const std::string& contract_path, const std::string& environment,
                                 const std::string& orchestrator, const ComposeFlags& flags = {});

// The project's containers and networks as the engine at `docker_host` has them now (what
// `--live` judges), the external networks its compose files name kept. InfraError when the
// engine does not answer or has none of them: a live model of nothing would say every flow is
// broken.
LiveStack running_stack(const std::string& docker_host, const std::string& orchestrator, const StackModel& model,
                        const std::string& project);

}  // namespace meshprobe
