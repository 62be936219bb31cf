#pragma once
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "composefile/interpolation.h"
#include "composefile/load_budget.h"
#include "composefile/network_reader.h"
#include "composefile/service_reader.h"
#include "yaml/yaml_tree.h"

namespace meshprobe {

// What one compose file contributes, its `include`s and `extends` already resolved.
struct FileProject {
    std::vector<ServiceDraft> services;
    std::vector<NetworkDraft> networks;
};

// Applies one project's contributions on top of another, like a later `-f` file.
void merge_project(FileProject& base, FileProject&& override);

// Loads compose files the way compose reads each `-f` file: parsed once, interpolated,
// top-level keys checked, `include` (paths relative to the including file) and `extends`
// (same file or another, relative to the extending file) resolved, cycles refused. Each file
// is parsed once and each file's project built once per set of variables, however many
// files include it; `limits` caps what all of it may cost (load_budget.h).
class FileLoader {
public:
    // `shell` is the process environment, which wins over every env file; `variables` adds
    // the project's env file to it.
    FileLoader(Variables shell, Variables variables, LoadLimits limits = {});

    // InputError (file:line) for what compose refuses or the limits forbid; Cancelled after
    // Ctrl-C.
    FileProject load(const std::string& path);
    // The variables that topology values of the files loaded so far read as blank.
    const std::vector<UnsetVariable>& unset_variables() const { return unset_; }
    // The files given to load() that hold no document at all.
    const std::set<std::string>& empty_files() const { return empty_files_; }

private:
    struct ServiceKey {
        std::string file;
        std::string name;
        auto operator<=>(const ServiceKey&) const = default;
    };

    struct Document {
        std::unique_ptr<YamlDocument> yaml;
        const Variables* variables;  // what it was interpolated with; files it extends use the same
    };

    const Document& document(const std::string& path, const SourceLocation& referenced_from,
                             const Variables& variables);
    FileProject load(const std::string& path, const Variables& variables, const SourceLocation& referenced_from);
    void add_includes(const std::string& path, const YamlNode& include, const Variables& variables,
                      FileProject& project);
    const Variables& include_variables(const std::string& path, const YamlNode& entry, const Variables& parent);
    // `found` is the service's entry when the caller has it already.
    ServiceDraft resolve(const ServiceKey& key, const SourceLocation& referenced_from, const Variables& variables,
                         const YamlEntry* found = nullptr);

    // One copy of each distinct set, so that a file included twice with the same variables
    // is one entry of projects_.
    const Variables& intern(Variables variables);

    Variables shell_;
    std::set<Variables> variable_sets_;  // stable addresses for Document::variables
    const Variables* project_variables_;
    LoadBudget budget_;
    std::map<std::string, Document> documents_;
    std::map<std::pair<std::string, const Variables*>, FileProject> projects_;
    std::map<ServiceKey, ServiceDraft> resolved_;
    std::vector<ServiceKey> extends_chain_;
    std::vector<std::string> include_chain_;
    std::vector<UnsetVariable> unset_;
    std::set<std::string> empty_files_;
};

}  // namespace meshprobe
