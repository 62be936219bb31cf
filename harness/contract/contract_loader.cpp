#include "contract/contract_loader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <unordered_set>

#include <fmt/format.h>

#include "contract/contract_sections.h"
#include "contract/metadata_loader.h"
#include "contract/suggest.h"
#include "contract/yaml_reader.h"
#include "core/errors.h"
#include "core/user_file.h"

namespace meshprobe {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kTopLevelKeys{"version", "project",  "compose", "metadata",
                                             "tiers",   "services", "flows",   "policy",
                                             "probe",   "suppress"};

void read_version(const Mapping& top) {
    Value version = top.require("version");
    std::string written = version.scalar("1");
    if (written != "1")
        version.fail(fmt::format(
            "unsupported contract version '{}'; this meshprobe reads version: 1", written));
}

std::string read_project(const Mapping& top, Contract& contract) {
    if (auto project = top.get("project")) {
        contract.project_written = true;
        std::string name = normalize_project_name(project->text());
        if (name.empty())
            project->fail("project must contain at least one letter, digit, '_' or '-'");
        return name;
    }
    // docker-compose names an unnamed project after its folder, or "default" when that is empty.
    std::string name = normalize_project_name(fs::path(contract.dir).filename().string());
    return name.empty() ? "default" : name;
}

// Returns the folder as messages should name it: the contract's folder as the user gave it.
std::string read_metadata_folder(const Mapping& top, Contract& contract) {
    auto metadata = top.get("metadata");
    if (!metadata) return {};
    std::string written = metadata->text();
    contract.metadata_dir = resolve_path(contract, written);
    std::error_code error;
    if (!fs::is_directory(contract.metadata_dir, error))
        metadata->fail(fmt::format("metadata folder '{}' not found (looked for {})", written,
                                   contract.metadata_dir));
    return (fs::path(contract.path).parent_path() / written).lexically_normal().string();
}

// A new user's first command finds no contract: point at the one that writes it.
void require_contract_file(const std::string& path) {
    const fs::path file(path);
    if (file.filename() != "mesh.yaml" || user_file_problem(path) != std::optional<std::string>("not found")) return;
    // The path as given, whole: a -c that names a folder or a file elsewhere is seen for what it was.
    const std::string where = file.parent_path().empty() ? "here" : "in " + file.parent_path().string() + " (" + path + ")";
    throw InputError("no mesh.yaml " + where + ": `meshprobe init` writes one (-c names another contract)");
}

}  // namespace

std::string normalize_project_name(const std::string& name) {
    std::string result;
    for (unsigned char c : name) {
        char lower = static_cast<char>(std::tolower(c));
        if (std::isalnum(static_cast<unsigned char>(lower)) || lower == '_' || lower == '-')
            result += lower;
    }
    return result;
}

Contract load_contract(const std::string& path, const std::function<void(const Contract&)>& compose_read) {
    require_contract_file(path);
    Value root = load_yaml_file(path, "contract file");
    if (!root.given())
        throw InputError(SourceLocation{path, 0, 0},
                         "the contract is empty; start with `version: 1`");
    Mapping top(root, kTopLevelKeys);

    Contract contract;
    contract.path = path;
    contract.dir = fs::absolute(path).parent_path().lexically_normal().string();
    // Each part's mistakes are gathered and reported together (core/errors.h); a part that
    // needs another (services need the tiers) is still read, against what was read of it.
    InputErrorList errors;
    errors.attempt([&] { read_version(top); });
    errors.attempt([&] { contract.project = read_project(top, contract); });
    errors.attempt([&] { read_compose_section(top, contract); });
    // The compose files are read beside the rest of the contract only when it is right so far.
    if (compose_read && errors.empty()) compose_read(contract);
    std::string shown_metadata_dir;
    errors.attempt([&] { shown_metadata_dir = read_metadata_folder(top, contract); });

    // A section that could not be read at all (a duplicate key) is not read against: every
    // name in it would be blamed again as unknown.
    const bool tiers_read = errors.attempt([&] { read_tiers(top.require("tiers"), contract); }) || !contract.tiers.empty();
    bool services_read = tiers_read;
    if (auto services = top.get("services"); services && tiers_read)
        services_read = errors.attempt([&] { read_services(*services, contract); }) || !contract.services.empty();
    contract.index_services();
    std::vector<Flow> dependency_flows;
    if (!shown_metadata_dir.empty() && services_read)
        errors.attempt([&] { dependency_flows = merge_metadata_folder(contract, shown_metadata_dir); });
    errors.attempt([&] { check_aliases_are_unambiguous(contract); });
    if (auto flows = top.get("flows"); flows && services_read) errors.attempt([&] { read_flows(*flows, contract); });
    contract.flows.insert(contract.flows.end(), dependency_flows.begin(), dependency_flows.end());

    if (auto policy = top.get("policy")) errors.attempt([&] { read_policy(*policy, contract); });
    if (auto probe = top.get("probe")) errors.attempt([&] { read_probe(*probe, contract); });
    if (auto suppress = top.get("suppress")) errors.attempt([&] { read_suppressions(*suppress, contract); });
    errors.throw_if_any();
    return contract;
}

void validate_against_compose(const Contract& contract,
                              const std::vector<std::string>& compose_service_names) {
    const std::unordered_set<std::string> names(compose_service_names.begin(), compose_service_names.end());
    auto defined = [&](const std::string& name) { return names.count(name) > 0; };
    auto complain = [&](const std::string& name, const SourceLocation& where, const char* what) {
        throw InputError(where, fmt::format("{} names service '{}', which the compose files do not "
                                            "define{}",
                                            what, name, did_you_mean(name, compose_service_names)));
    };
    for (const Flow& flow : contract.flows) {
        for (const auto* side : {&flow.from, &flow.to}) {
            for (const FlowSide& name : *side) {
                if (name.kind == FlowSide::Kind::service && !defined(name.name))
                    complain(name.name, flow.where, "a flow");
            }
        }
    }
    for (const Suppression& suppression : contract.suppressions) {
        if (!suppression.service.empty() && !defined(suppression.service))
            complain(suppression.service, suppression.where, "a suppression");
    }
}

}  // namespace meshprobe
