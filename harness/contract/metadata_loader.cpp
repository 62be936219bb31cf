#include "contract/metadata_loader.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "contract/contract_sections.h"
#include "contract/flow_sides.h"
#include "contract/yaml_reader.h"
#include "core/errors.h"

namespace meshprobe {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kMetadataKeys{"service_name",
                                             "tier",
                                             "role",
                                             "dependencies",
                                             "exposed_ports",
                                             "internal_endpoints",
                                             "security_profile",
                                             "codex_agent_tags"};

std::vector<fs::path> metadata_files(const Contract& contract, const std::string& shown_dir) {
    std::vector<fs::path> files;
    std::error_code error;
    for (fs::directory_iterator it(contract.metadata_dir, error), end; !error && it != end;
         it.increment(error)) {
        std::string extension = it->path().extension().string();
        if ((extension == ".yaml" || extension == ".yml") && it->is_regular_file(error))
            files.push_back(it->path().filename());
    }
    if (error)
        throw InputError(SourceLocation{shown_dir, 0, 0},
                         fmt::format("metadata folder cannot be read: {}", error.message()));
    std::sort(files.begin(), files.end());
    return files;
}

ServiceSpec& service_named(Contract& contract, const std::string& name,
                           const SourceLocation& where) {
    contract.index_services();
    if (const ServiceSpec* found = contract.find_service(name))
        return contract.services[static_cast<std::size_t>(found - contract.services.data())];
    ServiceSpec added;
    added.name = name;
    added.where = where;
    contract.services.push_back(added);
    contract.index_services();
    return contract.services.back();
}

void merge_tier(const Contract& contract, ServiceSpec& service, const Value& tier) {
    check_tier_name(contract, tier);
    std::string name = tier.text();
    if (!service.tier.empty() && service.tier != name)
        tier.fail(
            fmt::format("metadata puts '{}' in tier '{}', but the contract ({}) puts it in "
                        "tier '{}'",
                        service.name, name, service.where.str(), service.tier));
    service.tier = name;
}

// Merges one file; its dependencies are returned unchecked, as later files may add services.
std::vector<Flow> merge_file(Contract& contract, const std::string& shown_file,
                             const std::string& stem) {
    Value root = load_yaml_file(shown_file, "metadata file");
    if (!root.given())
        throw InputError(SourceLocation{shown_file, 0, 0},
                         "metadata file is empty; it needs at least service_name");
    Mapping fields(root, kMetadataKeys);
    Value name_value = fields.require("service_name");
    std::string name = name_value.text();
    if (name != stem)
        name_value.fail(
            fmt::format("service_name '{}' does not match the file name '{}'; one "
                        "file per service, named after it",
                        name, fs::path(shown_file).filename().string()));
    for (const ServiceSpec& service : contract.services) {
        if (service.name == name && !service.metadata_where.file.empty())
            name_value.fail(fmt::format("service '{}' already has a metadata file ({})", name,
                                        service.metadata_where.str()));
    }

    ServiceSpec& service = service_named(contract, name, name_value.where());
    service.metadata_where = name_value.where();
    if (auto tier = fields.get("tier")) merge_tier(contract, service, *tier);
    if (auto role = fields.get("role")) service.role = role->text();
    if (auto ports = fields.get("exposed_ports")) {
        std::vector<int> exposed = ports->ports();
        if (service.ports.empty()) service.ports = exposed;  // the contract's own list wins
    }
    if (auto endpoints = fields.get("internal_endpoints"))
        service.internal_endpoints = endpoints->texts();
    if (auto profile = fields.get("security_profile")) service.security_profile = profile->text();
    if (auto tags = fields.get("codex_agent_tags")) service.tags = tags->texts();

    std::vector<Flow> flows;
    if (auto dependencies = fields.get("dependencies")) {
        for (const Value& item : dependencies->items()) {
            Flow flow;
            flow.from = {FlowSide::service(name)};
            flow.to = {FlowSide::service(item.text())};
            flow.where = item.where();
            flows.push_back(flow);
        }
    }
    return flows;
}

}  // namespace

std::vector<Flow> merge_metadata_folder(Contract& contract, const std::string& shown_dir) {
    std::vector<Flow> flows;
    for (const fs::path& file : metadata_files(contract, shown_dir)) {
        std::string shown_file = (fs::path(shown_dir) / file).lexically_normal().string();
        std::vector<Flow> more = merge_file(contract, shown_file, file.stem().string());
        flows.insert(flows.end(), more.begin(), more.end());
    }
    for (const Flow& flow : flows) check_dependency(contract, flow.to.front().name, flow.where);
    return flows;
}

}  // namespace meshprobe
