#include "enforce/enforcement.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "core/errors.h"
#include "enforce/compile.h"
#include "enforce/nft.h"

namespace meshprobe {

namespace {

// Every table as libnftables lists it in JSON: {family, name} pairs.
std::vector<std::pair<std::string, std::string>> listed_tables() {
    const NftResult tables = run_nft("list tables", NftOutput::json);
    if (!tables.ok) throw InfraError(fmt::format("could not list the host's nftables tables: {}", tables.error));
    const nlohmann::json json = nlohmann::json::parse(tables.output, nullptr, false);
    if (json.is_discarded() || !json.contains("nftables")) {
        throw InfraError("libnftables listed the tables in a form meshprobe does not read");
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (const nlohmann::json& item : json["nftables"]) {
        if (!item.contains("table")) continue;
        out.emplace_back(item["table"].value("family", ""), item["table"].value("name", ""));
    }
    return out;
}

bool table_listed(const std::string& family, const std::string& name) {
    const auto tables = listed_tables();
    return std::find(tables.begin(), tables.end(), std::pair{family, name}) != tables.end();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos) continue;
        out.push_back(line.substr(first));
    }
    return out;
}

}  // namespace

bool project_enforced(const std::string& project) {
    return table_listed("inet", enforcement_table_name(project));
}

std::vector<std::string> enforced_projects() {
    const std::string prefix = enforcement_table_name("");
    std::vector<std::string> out;
    for (const auto& [family, name] : listed_tables()) {
        if (family == "inet" && name.size() > prefix.size() && name.starts_with(prefix)) out.push_back(name.substr(prefix.size()));
    }
    return out;
}

std::optional<std::string> installed_table(const std::string& family, const std::string& name) {
    if (!table_listed(family, name)) return std::nullopt;
    const NftResult listed = run_nft(fmt::format("list table {} {}", family, name));
    if (!listed.ok) throw InfraError(fmt::format("could not read table {} {}: {}", family, name, listed.error));
    return listed.output;
}

void install_table(const FirewallTable& table) {
    const std::string id = fmt::format("{} {}", table.family, table.name);
    const std::string commands = fmt::format("table {} {{}}\ndelete table {}\n{}", id, id, to_nft(table));
    const NftResult result = run_nft(commands);
    if (!result.ok) throw InfraError(fmt::format("could not install table {}: {}", id, result.error));
}

bool remove_table(const std::string& family, const std::string& name) {
    if (!table_listed(family, name)) return false;
    const NftResult result = run_nft(fmt::format("delete table {} {}", family, name));
    if (!result.ok) throw InfraError(fmt::format("could not delete table {} {}: {}", family, name, result.error));
    return true;
}

std::vector<std::string> table_changes(const std::optional<std::string>& installed, const std::string& compiled) {
    const std::vector<std::string> before = installed ? lines_of(*installed) : std::vector<std::string>{};
    const std::vector<std::string> after = lines_of(compiled);
    std::vector<std::string> out;
    for (const std::string& line : before) {
        if (std::find(after.begin(), after.end(), line) == after.end()) out.push_back("- " + line);
    }
    for (const std::string& line : after) {
        if (std::find(before.begin(), before.end(), line) == before.end()) out.push_back("+ " + line);
    }
    if (out.empty() && before != after) out.push_back("~ the same rules in another order");
    return out;
}

}  // namespace meshprobe
