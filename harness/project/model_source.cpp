#include "project/model_source.h"

#include <algorithm>

#include "composefile/compose_loader.h"
#include "contract/contract_loader.h"
#include "project/compose_view.h"
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
    // No --project-directory: as `-f` alone, compose resolves relative paths (build contexts,
    // env files) from the first compose file's folder, which need not be the contract's.
    project.project_directory = contract.project_directory;
    project.env_files = contract.env_files;
    project.profiles = contract.profiles;
    if (environment.empty() || environment == kBase) return project;
    const Environment& env = require_environment(contract, environment);
    project.files.insert(project.files.end(), env.files.begin(), env.files.end());
    for (const std::string& profile : env.profiles) {
        if (std::find(project.profiles.begin(), project.profiles.end(), profile) == project.profiles.end())
            project.profiles.push_back(profile);
    }
    return project;
}

ContractEnvironment load_contract_environment(const std::string& contract_path, const std::string& environment,
                                              const ModelSource& source, const ComposeFlags& flags) {
    ContractEnvironment out{load_compose_contract(contract_path, flags), {}, {}, {}};
    out.environment = environments_to_check(out.contract, environment, false).front();
    out.model = source(environment_project(out.contract, out.environment));
    std::set<std::string> names = defined_services(out.model);
    out.elsewhere = defined_elsewhere(out.contract, names, {out.environment}, source);
    for (const auto& [service, there] : out.elsewhere) names.insert(service);
    validate_against_compose(out.contract, std::vector<std::string>(names.begin(), names.end()));
    return out;
}

std::set<std::string> defined_services(const StackModel& model) {
    std::set<std::string> names;
    for (const StackService& service : model.services) names.insert(service.name);
    for (const auto& [name, profile] : model.inactive) names.insert(name);
    return names;
}

std::map<std::string, std::string> defined_elsewhere(const Contract& contract, const std::set<std::string>& known,
                                                     const std::vector<std::string>& read, const ModelSource& source) {
    std::map<std::string, std::string> out;
    auto missing = [&] {
        return std::any_of(contract.services.begin(), contract.services.end(), [&](const ServiceSpec& spec) {
            return !known.count(spec.name) && !out.count(spec.name);
        });
    };
    for (const std::string& name : environments_to_check(contract, "", true)) {
        if (!missing()) break;
        if (std::find(read.begin(), read.end(), name) != read.end()) continue;
        std::set<std::string> there;
        try {
            there = defined_services(source(environment_project(contract, name)));
        } catch (const InputError&) {
            continue;
        }
        for (const ServiceSpec& spec : contract.services) {
            if (!known.count(spec.name) && there.count(spec.name)) out.emplace(spec.name, name);
        }
    }
    return out;
}

ModelSource compose_file_source() {
    return [](const ComposeProject& project) {
        ComposeInputs inputs;
        inputs.files = project.files;
        inputs.project_directory = project.project_directory;
        inputs.env_files = project.env_files;
        inputs.profiles = project.profiles;
        return load_compose(inputs);
    };
}

}  // namespace meshprobe
