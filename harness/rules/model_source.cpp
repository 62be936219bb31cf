#include "rules/model_source.h"

#include "composefile/compose_loader.h"
#include "contract/contract_loader.h"
#include "core/errors.h"

namespace meshprobe {
namespace {

const char* const kBase = "base";

const Environment& require_environment(const Contract& contract, const std::string& name) {
    if (const Environment* env = contract.find_environment(name)) return *env;
    std::string known;
    for (const Environment& e : contract.environments) known += (known.empty() ? "" : ", ") + e.name;
    throw InputError("the contract " + contract.path + " has no environment '" + name + "'" +
                     (known.empty() ? " (it defines none)" : " (it has: " + known + ")"));
}

}  // namespace

std::vector<std::string> environments_to_check(const Contract& contract, const std::string& asked,
                                               bool all_environments) {
    if (!asked.empty() && asked != kBase) return {require_environment(contract, asked).name};
    if (!all_environments || contract.environments.empty()) return {kBase};
    // The base files alone are an environment too: what `docker compose up` runs unasked.
    std::vector<std::string> names{kBase};
    for (const Environment& env : contract.environments) names.push_back(env.name);
    return names;
}

ComposeProject environment_project(const Contract& contract, const std::string& environment) {
    ComposeProject project;
    project.name = contract.project;
    project.files = contract.compose_files;
    // As `-f` alone: compose reads `.env` and resolves relative paths (build contexts, env
    // files) from the first compose file's folder, which need not be the contract's.
    project.project_directory.clear();
    project.env_file = contract.env_file;
    if (environment.empty() || environment == kBase) return project;
    const Environment& env = require_environment(contract, environment);
    project.files.insert(project.files.end(), env.files.begin(), env.files.end());
    project.profiles = env.profiles;
    return project;
}

ContractEnvironment load_contract_environment(const std::string& contract_path, const std::string& environment) {
    ContractEnvironment out{load_contract(contract_path), {}, {}};
    out.environment = environments_to_check(out.contract, environment, false).front();
    out.model = compose_file_source()(environment_project(out.contract, out.environment));
    std::vector<std::string> names;
    for (const ComposeService& service : out.model.services) names.push_back(service.name);
    validate_against_compose(out.contract, names);
    return out;
}

ModelSource compose_file_source() {
    return [](const ComposeProject& project) {
        ComposeInputs inputs;
        inputs.files = project.files;
        inputs.project_directory = project.project_directory;
        inputs.env_file = project.env_file;
        inputs.profiles = project.profiles;
        return load_compose(inputs);
    };
}

}  // namespace meshprobe
