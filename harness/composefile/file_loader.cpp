#include "composefile/file_loader.h"

#include <algorithm>
#include <filesystem>
#include <string_view>
#include <unordered_map>

#include "composefile/env_file.h"
#include "composefile/merge.h"
#include "composefile/yaml_values.h"
#include "core/cancelled.h"
#include "core/errors.h"
#include "core/quoted_name.h"
#include "core/user_file.h"

namespace fs = std::filesystem;

namespace meshprobe {
namespace {

// Each `include` and `extends` level is a recursive call; real projects chain a handful, and
// the limit keeps a generated chain of thousands from overflowing the stack.
constexpr size_t kMaxChain = 64;

constexpr std::string_view kTopLevelKeys[] = {"version", "name",    "services", "networks",
                                              "volumes", "secrets", "configs",  "include", "models"};
// The sections whose values compose interpolates; `x-` extensions and `version` are left alone.
constexpr std::string_view kInterpolatedSections[] = {"services", "networks", "volumes", "secrets",
                                                      "configs", "include", "models"};

// The service keys whose values decide who reaches whom, on which names and ports. Not
// volumes: a blank config folder (`${CONFIG}/web:/config`, as in most real stacks) moves no
// path, and a socket mount is read after interpolation anyway (MESH013).
constexpr std::string_view kTopologyKeys[] = {"ports",          "expose",   "networks",       "network_mode",
                                              "hostname",       "domainname", "container_name", "links",
                                              "external_links", "profiles", "extends"};

bool decides_topology(const std::string& key) {
    return std::find(std::begin(kTopologyKeys), std::end(kTopologyKeys), key) != std::end(kTopologyKeys);
}

// Interpolates one top-level section, noting the blank variables of topology values.
void interpolate_section(YamlEntry& section, const Variables& variables, std::vector<UnsetVariable>& unset) {
    const std::string& name = section.key.scalar;
    if (name == "networks") {
        const UnsetVariable context{"", "", "networks", {}};
        interpolate_values(section.value, variables, &unset, &context);
        return;
    }
    if (name != "services" || !section.value.is_mapping()) {
        interpolate_values(section.value, variables);
        return;
    }
    for (auto& service : section.value.entries) {
        if (!service.value.is_mapping()) {
            interpolate_values(service.value, variables);
            continue;
        }
        for (auto& entry : service.value.entries) {
            const UnsetVariable context{"", service.key.scalar, entry.key.scalar, {}};
            if (decides_topology(entry.key.scalar)) {
                interpolate_values(entry.value, variables, &unset, &context);
            } else {
                interpolate_values(entry.value, variables);
            }
        }
    }
}

void check_top_level(const YamlNode& root) {
    expect_mapping(root, "a compose file");
    for (const auto& entry : root.entries) {
        const std::string& key = entry.key.scalar;
        if (key.rfind("x-", 0) == 0) continue;
        if (std::find(std::begin(kTopLevelKeys), std::end(kTopLevelKeys), key) == std::end(kTopLevelKeys)) {
            fail_at(entry.key, "unknown top-level key " + quoted_name(key) +
                                   " (the legacy version 1 format, with services at the top level, is not "
                                   "supported: put them under 'services:')");
        }
    }
    for (const char* section : {"services", "networks", "volumes", "secrets", "configs"}) {
        const YamlNode* node = root.find(section);
        if (node && !node->is_null()) expect_mapping(*node, std::string("'") + section + "'");
    }
}

std::string absolute_from(const std::string& file, const std::string& relative) {
    const fs::path p(relative);
    if (p.is_absolute()) return p.lexically_normal().string();
    return (fs::path(file).parent_path() / p).lexically_normal().string();
}

// The file paths of one `include:` entry: a path, or {path: one or a list, ...}.
std::vector<const YamlNode*> include_paths(const YamlNode& entry) {
    if (entry.is_scalar()) return {&entry};
    expect_mapping(entry, "an include entry");
    const YamlNode* path = entry.find("path");
    if (!path) fail_at(entry, "an include entry needs a path");
    if (path->is_scalar()) return {path};
    if (!path->is_sequence()) fail_at(*path, "include path must be a string or a list");
    std::vector<const YamlNode*> result;
    for (const auto& item : path->items) result.push_back(&item);
    return result;
}

}  // namespace

void merge_project(FileProject& base, FileProject&& override) {
    // Names are unique within a project, so onto nothing the override is the result.
    if (base.services.empty() && base.networks.empty()) {
        base = std::move(override);
        return;
    }
    std::unordered_map<std::string, size_t> services;
    for (size_t i = 0; i < base.services.size(); ++i) services.emplace(base.services[i].service.name, i);
    for (auto& draft : override.services) {
        const auto it = services.find(draft.service.name);
        if (it == services.end()) {
            services.emplace(draft.service.name, base.services.size());
            base.services.push_back(std::move(draft));
        } else {
            merge_service(base.services[it->second], draft);
        }
    }
    for (auto& draft : override.networks) {
        auto it = std::find_if(base.networks.begin(), base.networks.end(),
                               [&](const NetworkDraft& n) { return n.network.key == draft.network.key; });
        if (it == base.networks.end()) {
            base.networks.push_back(std::move(draft));
        } else {
            merge_network(*it, draft);
        }
    }
}

FileLoader::FileLoader(Variables shell, Variables variables, LoadLimits limits)
    : shell_(std::move(shell)), project_variables_(&intern(std::move(variables))), budget_(limits) {}

const Variables& FileLoader::intern(Variables variables) { return *variable_sets_.insert(std::move(variables)).first; }

const FileLoader::Document& FileLoader::document(const std::string& path, const SourceLocation& referenced_from,
                                                 const Variables& variables) {
    auto it = documents_.find(path);
    if (it != documents_.end()) return it->second;
    const std::string text = read_user_file(path, "compose file", referenced_from);
    budget_.add_file(text.size(), referenced_from.file.empty() ? SourceLocation{path} : referenced_from);
    auto yaml = parse_yaml(text, path);
    if (!yaml->root.is_null()) {
        check_top_level(yaml->root);
    } else if (referenced_from.file.empty()) {
        empty_files_.insert(path);  // compose v2 merges an empty -f file as nothing, unless all are
    } else {
        throw InputError(SourceLocation{path, 1}, "the compose file is empty");
    }
    for (auto& entry : yaml->root.entries) {
        if (std::find(std::begin(kInterpolatedSections), std::end(kInterpolatedSections), entry.key.scalar) !=
            std::end(kInterpolatedSections)) {
            interpolate_section(entry, variables, unset_);
        }
    }
    return documents_.emplace(path, Document{std::move(yaml), &variables}).first->second;
}

FileProject FileLoader::load(const std::string& path) { return load(path, *project_variables_, SourceLocation{}); }

FileProject FileLoader::load(const std::string& path, const Variables& variables,
                             const SourceLocation& referenced_from) {
    const auto key = std::make_pair(path, &variables);
    if (auto it = projects_.find(key); it != projects_.end()) return it->second;
    const Document& doc = document(path, referenced_from, variables);
    const YamlNode& root = doc.yaml->root;
    FileProject project;
    if (const YamlNode* include = root.find("include"); include && !include->is_null()) {
        add_includes(path, *include, *doc.variables, project);
    }
    std::unordered_map<std::string, bool> included;
    for (const auto& draft : project.services) included.emplace(draft.service.name, true);

    if (const YamlNode* services = root.find("services"); services && services->is_mapping()) {
        project.services.reserve(project.services.size() + services->entries.size());
        for (const auto& entry : services->entries) {
            throw_if_cancelled();
            const std::string name = text_of(entry.key, "service name");
            if (included.count(name)) {
                fail_at(entry.key, "service '" + name + "' is already defined by an included file");
            }
            project.services.push_back(resolve(ServiceKey{path, name}, entry.key.where(), *doc.variables, &entry));
        }
    }
    if (const YamlNode* networks = root.find("networks"); networks && networks->is_mapping()) {
        FileProject own;
        for (const auto& entry : networks->entries) own.networks.push_back(read_network(entry));
        merge_project(project, std::move(own));
    }
    // A file given with -f is loaded once; only what `include` may ask for again is kept, as
    // a copy of a whole project is as costly as building it.
    if (!referenced_from.file.empty()) projects_.emplace(key, project);
    return project;
}

// An included project reads its own env file (or the `.env` of its project directory); the
// shell environment still wins, and the including project's variables fill the rest.
const Variables& FileLoader::include_variables(const std::string& path, const YamlNode& entry,
                                               const Variables& parent) {
    std::vector<std::string> env_files;
    if (entry.is_mapping()) {
        if (const YamlNode* env_file = entry.find("env_file")) {
            const std::vector<std::string> names =
                env_file->is_scalar() ? std::vector<std::string>{env_file->scalar} : names_of(env_file, "include env_file");
            for (const auto& name : names) env_files.push_back(absolute_from(path, name));
        }
        if (env_files.empty()) {
            if (const YamlNode* directory = entry.find("project_directory")) {
                const std::string dotenv =
                    (fs::path(absolute_from(path, text_of(*directory, "project_directory"))) / ".env").string();
                if (has_dotenv(dotenv)) env_files.push_back(dotenv);
            }
        }
    }
    if (env_files.empty()) return parent;
    Variables variables;
    for (const auto& file : env_files) {
        for (auto& [key, value] : read_env_file(file, shell_, entry.where())) variables[key] = value;
    }
    for (const auto& [key, value] : shell_) variables[key] = value;
    for (const auto& [key, value] : parent) variables.emplace(key, value);
    return intern(std::move(variables));
}

void FileLoader::add_includes(const std::string& path, const YamlNode& include, const Variables& variables,
                              FileProject& project) {
    if (!include.is_sequence()) fail_at(include, "include must be a list");
    if (include_chain_.size() >= kMaxChain) fail_at(include, "includes nested deeper than " + std::to_string(kMaxChain) + " files");
    include_chain_.push_back(path);
    for (const auto& entry : include.items) {
        FileProject imported;
        const Variables& included_variables = include_variables(path, entry, variables);
        for (const YamlNode* file : include_paths(entry)) {
            const std::string target = absolute_from(path, text_of(*file, "include path"));
            if (std::find(include_chain_.begin(), include_chain_.end(), target) != include_chain_.end()) {
                fail_at(*file, "include cycle: '" + target + "' includes itself");
            }
            FileProject included = load(target, included_variables, file->where());
            budget_.add_expansions(1 + included.services.size(), file->where());
            merge_project(imported, std::move(included));
        }
        merge_project(project, std::move(imported));
    }
    include_chain_.pop_back();
}

ServiceDraft FileLoader::resolve(const ServiceKey& key, const SourceLocation& referenced_from,
                                 const Variables& variables, const YamlEntry* found) {
    if (auto it = resolved_.find(key); it != resolved_.end()) return it->second;
    if (std::find(extends_chain_.begin(), extends_chain_.end(), key) != extends_chain_.end()) {
        throw InputError(referenced_from, "extends cycle through service '" + key.name + "' of " + key.file);
    }
    const bool referenced_by_extends = !found;
    if (!found) {
        const YamlNode* services = document(key.file, referenced_from, variables).yaml->root.find("services");
        if (services && services->is_mapping()) {
            for (const auto& entry : services->entries) {
                if (entry.key.scalar == key.name) found = &entry;
            }
        }
    }
    if (!found) throw InputError(referenced_from, "service '" + key.name + "' is not defined in " + key.file);

    ServiceDraft draft = read_service(*found);
    // Kept for those who extend it, and when it counted against the budget: a service read
    // again without `extends` is the same and costs nothing (a copy of each costs as much).
    const bool keep = referenced_by_extends || draft.extends;
    if (draft.extends) {
        const ExtendsReference reference = *draft.extends;
        const ServiceKey base_key{reference.file.empty() ? key.file : absolute_from(key.file, reference.file),
                                  reference.service};
        if (extends_chain_.size() >= kMaxChain) {
            throw InputError(reference.where, "extends chain longer than " + std::to_string(kMaxChain) + " services");
        }
        budget_.add_expansions(1, reference.where);
        extends_chain_.push_back(key);
        ServiceDraft base = resolve(base_key, reference.where, *documents_.at(key.file).variables);
        extends_chain_.pop_back();
        const std::string& mode = base.service.network_mode;
        if (mode.rfind("service:", 0) == 0 || mode.rfind("container:", 0) == 0) {
            throw InputError(reference.where, "cannot extend service '" + reference.service +
                                                  "': a service with network_mode '" + mode +
                                                  "' cannot be extended");
        }
        base.service.name = draft.service.name;
        merge_service(base, draft);
        base.extends.reset();
        draft = std::move(base);
    }
    if (keep) resolved_.emplace(key, draft);
    return draft;
}

}  // namespace meshprobe
