#pragma once
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/stack_model.h"
#include "compose/compose_runner.h"
#include "contract/contract.h"
#include "project/compose_flags.h"

namespace meshprobe {

// Where `check` gets one environment's compose model from; tests give models built in code.
using ModelSource = std::function<StackModel(const ComposeProject&)>;

// Reads the compose files as compose merges them, with file:line on every element.
ModelSource compose_file_source();

// The environments `check` covers: the one asked for; with all_environments the base files
// and every environment the contract defines; otherwise the base files alone, named "base".
// InputError for an environment the contract lacks.
std::vector<std::string> environments_to_check(const Contract& contract, const std::string& asked,
                                               bool all_environments);

// The compose project of one environment: base files, then its files and profiles.
ComposeProject environment_project(const Contract& contract, const std::string& environment);

// Every service compose defines in a model, those of inactive profiles too.
std::set<std::string> defined_services(const StackModel& model);

// For each contract service that `known` lacks, the first environment (the base files first)
// whose compose files define it, skipping the environments in `read` (already in `known`):
// such a service runs in that environment and is judged there, by `check` and `run` alike. A
// service no environment defines is left out; an environment whose files cannot be read is
// left to the command that selects it.
std::map<std::string, std::string> defined_elsewhere(const Contract& contract, const std::set<std::string>& known,
                                                     const std::vector<std::string>& read, const ModelSource& source);

// One environment of a contract (the one asked for, else the base files), its compose files
// read and the contract checked against them: where the commands on one environment start.
struct ContractEnvironment {
    Contract contract;
    std::string environment;
    StackModel model;
    // Contract services only other environments' files define, with the first that does.
    std::map<std::string, std::string> elsewhere;
};
// `source` reads each environment's files (project_stack.h: the orchestrator's render);
// `flags` are compose's own options (compose_view.h).
// InputError (file:line) for a contract or compose file in error, or an environment the
// contract lacks.
ContractEnvironment load_contract_environment(const std::string& contract_path, const std::string& environment,
                                              const ModelSource& source = compose_file_source(),
                                              const ComposeFlags& flags = {});

}  // namespace meshprobe
