#include "project/compose_view.h"

#include <algorithm>
#include <filesystem>

#include "composefile/compose_loader.h"
#include "composefile/env_file.h"
#include "contract/contract_loader.h"
#include "core/errors.h"
#include "core/user_file.h"
#include "yaml/yaml_tree.h"

namespace fs = std::filesystem;

namespace meshprobe {
namespace {

const char* const kComposeFile = "COMPOSE_FILE";
const char* const kComposeProfiles = "COMPOSE_PROFILES";
const char* const kComposeProjectName = "COMPOSE_PROJECT_NAME";

std::string absolute_from(const std::string& base, const std::string& path) {
    fs::path p(path);
    if (p.is_relative()) p = fs::path(base) / p;
    return p.lexically_normal().string();
}

std::vector<std::string> split(const std::string& text, const std::string& separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(separator, start), text.size());
        std::string part = text.substr(start, end - start);
        part.erase(0, part.find_first_not_of(" \t"));
        part.erase(part.find_last_not_of(" \t") + 1);
        if (!part.empty()) parts.push_back(part);
        start = end + separator.size();
    }
    return parts;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

void require_file(const std::string& path, const std::string& written, const char* given_as) {
    std::error_code error;
    if (!fs::is_regular_file(path, error)) {
        throw InputError(std::string("compose file '") + written + "' (" + given_as + ") not found (looked for " + path +
                         ")");
    }
}

// COMPOSE_* as compose sees them: the process environment first, then the env files, the
// later file winning; each with where it was found, for -v and the warnings.
struct ComposeVariables {
    Variables values;
    std::map<std::string, std::string> origin;

    const std::string* find(const std::string& name) const {
        auto found = values.find(name);
        return found == values.end() || found->second.empty() ? nullptr : &found->second;
    }
    std::string from(const std::string& name) const { return name + " in " + origin.at(name); }
};

ComposeVariables compose_variables(const std::vector<std::string>& env_files, const Variables& environment) {
    ComposeVariables out;
    for (const std::string& file : env_files) {
        for (auto& [key, value] : read_env_file(file, environment)) {
            out.values[key] = value;
            out.origin[key] = file;
        }
    }
    for (const auto& [key, value] : environment) {
        out.values[key] = value;
        out.origin[key] = "the environment";
    }
    return out;
}

std::vector<std::string> env_files_of(const Contract& contract, const ComposeFlags& flags, const std::string& cwd) {
    std::vector<std::string> files;
    for (const std::string& file : flags.env_files) files.push_back(absolute_from(cwd, file));
    if (!files.empty() || !contract.env_files.empty()) return files.empty() ? contract.env_files : files;
    // No env file beside the contract: compose's .env in the project folder.
    std::string folder = flags.project_directory.empty() ? std::string()
                                                          : absolute_from(cwd, flags.project_directory);
    if (folder.empty() && !flags.files.empty()) folder = fs::path(absolute_from(cwd, flags.files.front())).parent_path().string();
    if (!folder.empty() && has_dotenv((fs::path(folder) / ".env").string())) files.push_back((fs::path(folder) / ".env").string());
    return files;
}

// The override compose would merge run without -f in `folder`, when the view leaves it out.
void warn_unlisted_override(const Contract& contract, const std::vector<std::string>& files, ComposeView& view) {
    const std::vector<std::string> defaults = default_compose_files(contract.dir);
    if (defaults.size() < 2 || contains(files, defaults[1])) return;
    for (const Environment& environment : contract.environments) {
        if (contains(environment.files, defaults[1])) return;
    }
    view.warnings.push_back({"compose run in " + contract.dir + " without -f also merges " + defaults[1] +
                                 ", which compose.files does not list: it was not checked (list it in compose.files or "
                                 "an environment's files, or pass -f)",
                             contract.compose_where});
}

void choose_files(const Contract& contract, const ComposeFlags& flags, const ComposeVariables& variables,
                  const std::string& cwd, ComposeView& view) {
    const std::string* compose_file = variables.find(kComposeFile);
    std::vector<std::string> from_variable;
    if (compose_file) {
        const std::string* separator = variables.find("COMPOSE_PATH_SEPARATOR");
        const std::string base = view.project_directory.empty() ? contract.dir : view.project_directory;
        for (const std::string& file : split(*compose_file, separator ? *separator : ":"))
            from_variable.push_back(absolute_from(base, file));
    }
    if (!flags.files.empty()) {
        for (const std::string& file : flags.files) {
            view.files.push_back(absolute_from(cwd, file));
            require_file(view.files.back(), file, "-f");
        }
        view.files_from = "-f";
    } else if (contract.compose_files_written) {
        view.files = contract.compose_files;
        view.files_from = "compose.files in " + contract.path;
        std::vector<std::string> unlisted;
        for (const std::string& file : from_variable) {
            if (!contains(view.files, file)) unlisted.push_back(file);
        }
        if (!unlisted.empty()) {
            view.warnings.push_back({variables.from(kComposeFile) + " names " + join(unlisted) +
                                         ", which compose reads and compose.files does not list: not checked",
                                     contract.compose_where});
        } else if (!compose_file) {
            warn_unlisted_override(contract, view.files, view);
        }
    } else if (compose_file) {
        view.files = from_variable;
        for (const std::string& file : view.files) require_file(file, file, kComposeFile);
        view.files_from = variables.from(kComposeFile);
    } else if (!view.project_directory.empty()) {
        view.files = default_compose_files(view.project_directory);
        if (view.files.empty()) throw InputError("no compose file in --project-directory " + view.project_directory);
        view.files_from = "compose's default names in " + view.project_directory;
    } else {
        if (contract.compose_files.empty() && contract.compose_where.file.empty()) {
            // No contract yet (init's view): nothing to set but the flags and the variable.
            throw InputError("no compose file in " + contract.dir + ": pass -f or set COMPOSE_FILE, or run where "
                             "compose.yaml is");
        }
        if (contract.compose_files.empty()) {
            throw InputError(contract.compose_where,
                             "no compose file: set compose.files, pass -f or set COMPOSE_FILE, or put "
                             "docker-compose.yml next to the contract in " + contract.dir);
        }
        view.files = contract.compose_files;
        view.files_from = "compose's default names in " + contract.dir;
    }
}

// The top-level `name:` of the files, the last that has one, interpolated: compose's project
// name when neither -p nor COMPOSE_PROJECT_NAME gives one. Read only then: parsing twice costs.
std::string top_level_name(const std::vector<std::string>& files, const Variables& variables) {
    std::string name;
    for (const std::string& file : files) {
        const auto document = parse_yaml(read_user_file(file, "compose file"), file);
        const YamlNode* node = document->root.is_mapping() ? document->root.find("name") : nullptr;
        if (node && node->is_scalar()) name = interpolate(node->scalar, variables, node->where());
    }
    return normalize_project_name(name);
}

void choose_project(const Contract& contract, const ComposeFlags& flags, const ComposeVariables& variables,
                    ComposeView& view) {
    const std::string* from_variable = variables.find(kComposeProjectName);
    if (!flags.project_name.empty()) {
        view.project = normalize_project_name(flags.project_name);
        if (view.project.empty()) throw InputError("-p '" + flags.project_name + "': a project name needs a letter or digit");
        view.project_from = "-p";
    } else if (contract.project_written) {
        view.project = contract.project;
        view.project_from = "project in " + contract.path;
        if (from_variable && normalize_project_name(*from_variable) != view.project) {
            view.warnings.push_back({variables.from(kComposeProjectName) + " names the project " + *from_variable +
                                         ", the contract " + contract.project + ": compose run there uses " + *from_variable,
                                     {contract.path, 0, 0}});
        }
    } else if (from_variable && !normalize_project_name(*from_variable).empty()) {
        view.project = normalize_project_name(*from_variable);
        view.project_from = variables.from(kComposeProjectName);
    } else if (std::string name = top_level_name(view.files, variables.values); !name.empty()) {
        view.project = name;
        view.project_from = "name in the compose files";
    } else {
        const std::string folder = view.project_directory.empty() ? "" : fs::path(view.project_directory).filename().string();
        view.project = normalize_project_name(folder).empty() ? contract.project : normalize_project_name(folder);
        view.project_from = "the folder's name";
    }
}

}  // namespace

ComposeView resolve_compose_view(const Contract& contract, const ComposeFlags& flags, const Variables& environment,
                                 const std::string& cwd) {
    ComposeView view;
    if (!flags.project_directory.empty()) view.project_directory = absolute_from(cwd, flags.project_directory);
    view.env_files = env_files_of(contract, flags, cwd);
    const ComposeVariables variables = compose_variables(view.env_files, environment);
    choose_files(contract, flags, variables, cwd, view);
    choose_project(contract, flags, variables, view);
    if (!flags.profiles.empty()) {
        view.profiles = flags.profiles;
        view.profiles_from = "--profile";
    } else if (const std::string* profiles = variables.find(kComposeProfiles)) {
        view.profiles = split(*profiles, ",");
        view.profiles_from = variables.from(kComposeProfiles);
    }
    return view;
}

void apply_compose_view(Contract& contract, const ComposeView& view) {
    contract.compose_files = view.files;
    contract.env_files = view.env_files;
    contract.profiles = view.profiles;
    contract.project = view.project;
    contract.project_directory = view.project_directory;
}

ComposeView compose_view_for(const Contract& contract, const ComposeFlags& flags) {
    return resolve_compose_view(contract, flags, process_environment(), fs::current_path().string());
}

void tell_compose_view(const ComposeView& view, const ComposeFlags& flags) {
    if (flags.tell) {
        flags.tell("compose files (" + view.files_from + "): " + join(view.files));
        flags.tell("env files: " + (view.env_files.empty() ? std::string("none") : join(view.env_files)));
        flags.tell("profiles" + (view.profiles_from.empty() ? std::string() : " (" + view.profiles_from + ")") + ": " +
                   (view.profiles.empty() ? std::string("none") : join(view.profiles)));
        flags.tell("project " + view.project + " (" + view.project_from + ")");
    }
    if (flags.warn) {
        for (const ComposeWarning& warning : view.warnings) flags.warn(warning);
    }
}

ComposeView compose_view_before_contract(const std::string& contract_path, const ComposeFlags& flags) {
    // A contract at that path with no `project:` and no compose section, as load_contract reads one.
    Contract contract;
    contract.path = contract_path;
    contract.dir = fs::absolute(contract_path).parent_path().lexically_normal().string();
    contract.project = normalize_project_name(fs::path(contract.dir).filename().string());
    if (contract.project.empty()) contract.project = "default";
    contract.compose_files = default_compose_files(contract.dir);
    if (const std::string dot_env = (fs::path(contract.dir) / ".env").string(); has_dotenv(dot_env))
        contract.env_files = {dot_env};
    return compose_view_for(contract, flags);
}

Contract load_compose_contract(const std::string& contract_path, const ComposeFlags& flags) {
    Contract contract = load_contract(contract_path);
    const ComposeView view = compose_view_for(contract, flags);
    apply_compose_view(contract, view);
    tell_compose_view(view, flags);
    return contract;
}

}  // namespace meshprobe
