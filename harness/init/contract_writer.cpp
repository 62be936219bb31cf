#include "init/contract_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "init/metadata_writer.h"

namespace meshprobe {
namespace {

std::string list(const std::vector<std::string>& items) {
    std::vector<std::string> shown;
    for (const std::string& item : items) shown.push_back(yaml_scalar(item));
    return fmt::format("[{}]", fmt::join(shown, ", "));
}

std::string ports(const std::vector<int>& ports) { return fmt::format("[{}]", fmt::join(ports, ", ")); }

std::string comment(const std::vector<std::string>& why) {
    return why.empty() ? std::string{} : fmt::format("  # {}", fmt::join(why, "; "));
}

}  // namespace

std::string yaml_scalar(const std::string& text) {
    static const std::set<std::string> words{"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True",
                                             "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
                                             "null", "Null", "NULL", "~"};
    const bool plain = !text.empty() && !words.count(text) &&
                       std::all_of(text.begin(), text.end(), [](char c) {
                           return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '/';
                       }) &&
                       std::isalpha(static_cast<unsigned char>(text.front()));
    if (plain) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string present_problems_comment(const std::vector<std::string>& problems) {
    if (problems.empty()) return "";
    std::string out = fmt::format("# init found {} present problem{}, which `meshprobe check` reports until the stack is\n"
                                  "# fixed or the contract allows {}:\n",
                                  problems.size(), problems.size() == 1 ? "" : "s", problems.size() == 1 ? "it" : "them");
    for (const std::string& problem : problems) out += "#   " + problem + "\n";
    return out;
}

std::string write_contract(const InferredContract& c, const std::string& metadata_dir) {
    const bool with_metadata = !metadata_dir.empty();
    std::string out =
        // Editors with yaml-language-server check the file against the schema the .deb installs.
        "# yaml-language-server: $schema=/usr/share/meshprobe/mesh.schema.json\n"
        "# A first contract, written by `meshprobe init` from the compose files: each value says where it came\n"
        "# from. Read it as a description of the stack as it is now, then tighten it: remove the flows it\n"
        "# should not have, give ports to services that serve them, or `ports: none` to those that serve none.\n"
        "version: 1\n";
    out += "project: " + yaml_scalar(c.project) + "\n";
    out += "compose:\n  files: " + list(c.compose_files) + "\n";
    if (with_metadata)
        out += "metadata: " + yaml_scalar(metadata_dir) + "  # one file per service: its tier, ports, role and dependencies\n";
    out += "tiers:\n";
    if (c.tiers.empty()) out += "  {}\n";
    for (const InferredTier& t : c.tiers) {
        std::string fields = "network: " + yaml_scalar(t.network);
        if (t.internal) fields += ", internal: true, egress: deny";
        out += fmt::format("  {}: {{{}}}{}\n", yaml_scalar(t.name), fields, comment({t.why}));
    }
    std::string services;
    for (const InferredService& s : c.services) {
        std::vector<std::string> fields;
        if (!with_metadata) fields.push_back("tier: " + yaml_scalar(s.tier));
        if (!with_metadata && !s.ports.empty()) fields.push_back("ports: " + ports(s.ports));
        if (!s.publish.empty()) fields.push_back("publish: " + list(s.publish));
        if (fields.empty()) continue;  // its metadata file says all there is
        services += fmt::format("  {}: {{{}}}{}\n", yaml_scalar(s.name), fmt::join(fields, ", "),
                                comment(with_metadata ? s.publish_why : s.why()));
    }
    if (!services.empty() || !with_metadata) out += "services:\n" + services;
    // A name that is a tier too must say which it means.
    std::set<std::string> tiers;
    for (const InferredTier& t : c.tiers) tiers.insert(t.name);
    auto side = [&](const std::string& service) { return yaml_scalar(tiers.count(service) ? "service:" + service : service); };
    std::string flows;
    bool moved = false;
    for (const InferredFlow& f : c.flows) {
        if (with_metadata && is_dependency(f)) {
            moved = true;  // a dependency in the metadata file of f.from
            continue;
        }
        std::string fields = "from: " + side(f.from) + ", to: " + side(f.to);
        if (!f.ports.empty()) fields += ", ports: " + ports(f.ports);
        flows += fmt::format("  - {{{}}}{}\n", fields, comment({f.why}));
    }
    if (moved) out += "# Flows on every port of their target are `dependencies` in the metadata files.\n";
    out += flows.empty() ? "flows: []\n" : "flows:\n" + flows;
    if (!c.notes.empty()) {
        out += "# Seen in the compose files but not written above:\n";
        for (const std::string& note : c.notes) out += "#   " + note + "\n";
    }
    return out;
}

}  // namespace meshprobe
