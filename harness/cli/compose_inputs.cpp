#include "cli/compose_inputs.h"

#include "core/errors.h"

namespace meshprobe {

ComposeProject compose_project(const Contract& contract, const std::string& environment) {
    ComposeProject project;
    project.name = contract.project;
    project.files = contract.compose_files;
    // Like `-f` alone: compose resolves relative paths from the first file's folder.
    project.env_file = contract.env_file;
    if (environment.empty()) return project;
    const Environment* env = contract.find_environment(environment);
    if (env == nullptr) {
        std::string known;
        for (const auto& e : contract.environments) known += (known.empty() ? "" : ", ") + e.name;
        throw InputError("the contract " + contract.path + " has no environment '" + environment + "'" +
                         (known.empty() ? " (it defines none)" : " (it has: " + known + ")"));
    }
    project.files.insert(project.files.end(), env->files.begin(), env->files.end());
    project.profiles = env->profiles;
    return project;
}

}  // namespace meshprobe
