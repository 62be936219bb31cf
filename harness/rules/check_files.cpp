#include "rules/check_files.h"

#include <chrono>

#include "contract/contract_loader.h"

namespace meshprobe {
namespace {

std::vector<std::string> service_names(const std::vector<EnvironmentModel>& models) {
    std::vector<std::string> names;
    for (const EnvironmentModel& environment : models) {
        for (const ComposeService& service : environment.model.services) names.push_back(service.name);
    }
    return names;
}

}  // namespace

CheckReport check_files(const std::string& contract_path, const std::string& environment, bool all_environments,
                        const ModelSource& source, const std::function<void(const std::string&)>& progress) {
    const auto started = std::chrono::steady_clock::now();
    Contract contract = load_contract(contract_path);
    std::vector<EnvironmentModel> models;
    for (const std::string& name : environments_to_check(contract, environment, all_environments)) {
        if (progress) progress("reading the compose files of environment " + name);
        models.push_back({name, source(environment_project(contract, name))});
    }
    validate_against_compose(contract, service_names(models));
    CheckReport report = check_contract(contract, models);
    report.version = MESHPROBE_VERSION;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace meshprobe
