#include "rules/check_files.h"

#include <algorithm>
#include <chrono>

#include "contract/contract_loader.h"
#include "core/errors.h"
#include "project/compose_view.h"

namespace meshprobe {
namespace {

// Every service some environment of the contract defines, the checked ones read already.
std::set<std::string> defined_in_some_environment(const Contract& contract, const std::vector<EnvironmentModel>& models,
                                                  const ModelSource& source) {
    std::set<std::string> names;
    std::vector<std::string> checked;
    for (const EnvironmentModel& environment : models) {
        checked.push_back(environment.name);
        names.merge(defined_services(environment.model));
    }
    for (const auto& [service, environment] : defined_elsewhere(contract, names, checked, source)) names.insert(service);
    return names;
}

}  // namespace

CheckReport check_files(const std::string& contract_path, const std::string& environment, bool all_environments,
                        const ModelSource& source, const std::function<void(const std::string&)>& progress,
                        const ComposeFlags& flags) {
    const auto started = std::chrono::steady_clock::now();
    Contract contract = load_compose_contract(contract_path, flags);
    std::vector<EnvironmentModel> models;
    for (const std::string& name : environments_to_check(contract, environment, all_environments)) {
        if (progress) progress("reading the compose files of environment " + name);
        models.push_back({name, source(environment_project(contract, name)), {}});
    }
    const std::set<std::string> defined = defined_in_some_environment(contract, models, source);
    for (EnvironmentModel& model : models) model.defined_in_any_environment = defined;
    validate_against_compose(contract, std::vector<std::string>(defined.begin(), defined.end()));
    CheckReport report = check_contract(contract, models);
    report.version = MESHPROBE_VERSION;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace meshprobe
