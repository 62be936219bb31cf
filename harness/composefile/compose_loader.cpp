#include "composefile/compose_loader.h"

#include <filesystem>
#include <set>

#include "composefile/env_file.h"
#include "composefile/file_loader.h"
#include "composefile/topology_checks.h"
#include "core/errors.h"

extern char** environ;

namespace fs = std::filesystem;

namespace meshprobe {
namespace {

// The shell environment wins over the env file, as in compose.
Variables compose_variables(const ComposeInputs& inputs, const std::string& project_directory) {
    std::vector<std::string> env_files;
    for (const std::string& file : inputs.env_files) {
        env_files.push_back(fs::path(file).is_relative() ? (fs::path(project_directory) / file).string() : file);
    }
    if (env_files.empty()) {
        const fs::path dotenv = fs::path(project_directory) / ".env";
        if (has_dotenv(dotenv.string())) env_files.push_back(dotenv.string());
    }
    Variables from_files;
    for (const std::string& file : env_files) {
        for (auto& [key, value] : read_env_file(file, inputs.environment)) from_files[key] = value;
    }
    Variables variables = inputs.environment;
    for (auto& [key, value] : from_files) variables.emplace(key, value);
    return variables;
}

StackModel to_model(FileProject&& project) {
    StackModel model;
    model.services.reserve(project.services.size());
    for (auto& draft : project.services) model.services.push_back(std::move(draft.service));
    for (auto& draft : project.networks) model.networks.push_back(std::move(draft.network));
    return model;
}

}  // namespace

std::map<std::string, std::string> process_environment() {
    std::map<std::string, std::string> result;
    for (char** entry = environ; entry && *entry; ++entry) {
        const std::string text(*entry);
        const auto equals = text.find('=');
        if (equals != std::string::npos) result.emplace(text.substr(0, equals), text.substr(equals + 1));
    }
    return result;
}

StackModel load_compose(const ComposeInputs& inputs) {
    if (inputs.files.empty()) throw InputError("no compose file given");
    const std::string project_directory = inputs.project_directory.empty()
                                              ? fs::path(inputs.files.front()).parent_path().string()
                                              : inputs.project_directory;
    FileLoader loader(inputs.environment, compose_variables(inputs, project_directory));
    FileProject project;
    std::set<std::string> files;
    for (const auto& file : inputs.files) {
        files.insert(fs::path(file).lexically_normal().string());
        merge_project(project, loader.load(fs::path(file).lexically_normal().string()));
    }
    // compose v2 takes an empty file among others (opentelemetry-demo's compose.extras.yaml, a
    // seam for forks); a project of empty files only it refuses.
    if (loader.empty_files().size() == files.size()) {
        throw InputError(SourceLocation{fs::path(inputs.files.front()).lexically_normal().string(), 1},
                         "the compose file is empty");
    }
    StackModel model = to_model(std::move(project));
    std::map<std::string, std::string> profile_of;
    for (const auto& service : model.services) {
        if (!service.profiles.empty()) profile_of.emplace(service.name, service.profiles.front());
    }
    std::set<std::string> inactive;
    for (const auto& service : model.services) inactive.insert(service.name);
    remove_inactive_services(model, inputs.profiles);
    for (const auto& service : model.services) inactive.erase(service.name);
    for (const auto& name : inactive) model.inactive.emplace(name, profile_of[name]);
    for (const UnsetVariable& unset : loader.unset_variables()) {
        if (unset.service.empty() || model.find_service(unset.service)) model.unset_variables.push_back(unset);
    }
    check_topology(model, inactive);
    model.add_implicit_default_network();
    return model;
}

}  // namespace meshprobe
