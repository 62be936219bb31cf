#include <filesystem>

#include <fmt/format.h>

#include "contract/contract_loader.h"
#include "contract/contract_sections.h"
#include "core/errors.h"
#include "core/user_file.h"

namespace meshprobe {

namespace fs = std::filesystem;

namespace {

// The names compose v2 (compose-go) looks for when no -f is given, in its order of
// preference: one main file, then one override file.
const std::vector<std::string> kDefaultComposeFiles{"compose.yaml", "compose.yml", "docker-compose.yml",
                                                    "docker-compose.yaml"};
const std::vector<std::string> kDefaultOverrideFiles{"compose.override.yml", "compose.override.yaml",
                                                     "docker-compose.override.yml", "docker-compose.override.yaml"};

bool is_file(const std::string& path) {
    std::error_code error;
    return fs::is_regular_file(path, error);
}

std::string existing_file(const Contract& contract, const Value& entry, const char* kind) {
    std::string written = entry.text();
    std::string path = resolve_path(contract, written);
    if (auto problem = user_file_problem(path))
        entry.fail(fmt::format("{} '{}' {} (looked for {})", kind, written, *problem, path));
    return path;
}

std::vector<std::string> existing_files(const Contract& contract, const Value& list) {
    std::vector<std::string> paths;
    for (const Value& entry : list.items())
        paths.push_back(existing_file(contract, entry, "compose file"));
    return paths;
}

Environment read_environment(const Contract& contract, const Mapping::Entry& entry) {
    Mapping fields(entry.value, {"files", "profiles"});
    Environment environment;
    environment.name = entry.key;
    environment.where = entry.key_where();
    if (auto files = fields.get("files")) environment.files = existing_files(contract, *files);
    if (auto profiles = fields.get("profiles")) environment.profiles = profiles->texts();
    return environment;
}

}  // namespace

std::vector<std::string> default_compose_files(const std::string& dir) {
    std::vector<std::string> found;
    auto take_first = [&](const std::vector<std::string>& names) {
        for (const std::string& name : names) {
            std::string path = (fs::path(dir) / name).string();
            if (is_file(path)) {
                found.push_back(path);
                return;
            }
        }
    };
    take_first(kDefaultComposeFiles);
    if (!found.empty()) take_first(kDefaultOverrideFiles);
    return found;
}

std::string resolve_path(const Contract& contract, const std::string& written) {
    fs::path path(written);
    if (path.is_relative()) path = fs::path(contract.dir) / path;
    return path.lexically_normal().string();
}

void read_compose_section(const Mapping& top, Contract& contract) {
    // Without a `compose:` section every setting takes compose's own default.
    const Value& self = top.self();
    Value section = top.get("compose").value_or(Value{nullptr, nullptr, self.file, self.line, self.column, {}});
    Mapping compose(section, {"files", "env_file", "environments"});
    contract.compose_where = section.where();
    if (auto files = compose.get("files")) {
        contract.compose_files = existing_files(contract, *files);
        contract.compose_files_written = true;
        if (contract.compose_files.empty()) files->fail("compose.files needs at least one file");
    } else {
        // None beside the contract is no error yet: -f or COMPOSE_FILE may name them
        // (project/compose_view.cpp decides, and says so at compose_where when nothing does).
        contract.compose_files = default_compose_files(contract.dir);
    }
    if (auto env_file = compose.get("env_file")) {
        contract.env_file = existing_file(contract, *env_file, "env_file");
    } else if (std::string dot_env = resolve_path(contract, ".env"); is_file(dot_env)) {
        contract.env_file = dot_env;  // compose reads .env from the project folder unasked
    }
    if (!contract.env_file.empty()) contract.env_files = {contract.env_file};
    if (auto environments = compose.get("environments")) {
        Mapping entries(*environments);
        for (const Mapping::Entry& entry : entries.entries())
            contract.environments.push_back(read_environment(contract, entry));
    }
}

}  // namespace meshprobe
