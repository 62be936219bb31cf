#include <fmt/format.h>

#include "core/cancelled.h"
#include "policy/publishing.h"
#include "reports/topology/diff_risk.h"
#include "reports/topology/topology_render.h"

namespace meshprobe {
namespace {

std::string port_text(const TopologyPath& path) { return path.port ? std::to_string(*path.port) : "any port"; }

std::string path_line(const TopologyPath& path) {
    return fmt::format("{} -> {}:{} {}{}", path.from, path.to, port_text(path), to_string(path.verdict),
                       path.networks.empty() ? std::string{} : fmt::format(" on {}", fmt::join(path.networks, ", ")));
}

std::string published_line(const PublishedPort& p) { return p.service + " publishes " + describe_published(p.port); }

std::string attachment_line(const AttachmentEntry& a) {
    return a.service + " on " + a.attachment.network +
           (a.attachment.aliases.empty() ? std::string{} : fmt::format(" (aliases {})", fmt::join(a.attachment.aliases, ", ")));
}

std::string network_line(const TopologyNetwork& n) {
    std::vector<std::string> flags;
    if (n.internal) flags.push_back("internal");
    if (n.external) flags.push_back("external");
    if (n.ipv6) flags.push_back("IPv6");
    return "network " + n.key + (flags.empty() ? std::string{} : fmt::format(" ({})", fmt::join(flags, ", ")));
}

nlohmann::json network_json(const TopologyNetwork& n) {
    return {{"key", n.key}, {"internal", n.internal}, {"external", n.external}, {"ipv6", n.ipv6},
            {"tier", n.tier.empty() ? nlohmann::json(nullptr) : nlohmann::json(n.tier)}};
}

std::string tier_line(const TopologyTier& t) {
    return fmt::format("tier {} (network {}{}{})", t.name, t.network, t.internal ? ", internal" : "",
                       t.egress == Egress::deny ? ", egress: deny" : "");
}

std::string class_port_text(const ClassPorts& ports) {
    return ports.kind == ClassPorts::Kind::own ? "own ports" : ports.kind == ClassPorts::Kind::any ? "any port" : ports_text(ports);
}

std::string class_path_text(const PathClass& c) {
    return fmt::format("{}{}", to_string(c.verdict), c.networks.empty() ? std::string{} : fmt::format(" on {}", fmt::join(c.networks, ", ")));
}

std::string class_line(const PathClassChange& c) {
    const std::string paths = fmt::format("{} path(s) {} -> {}:{}", c.paths, services_text(c.from), services_text(c.to),
                                          class_port_text(c.ports));
    if (!c.before) return "+ " + paths + " " + class_path_text(*c.after);
    if (!c.after) return "- " + paths + " " + class_path_text(*c.before);
    return "~ " + paths + " " + class_path_text(*c.before) + " => " + class_path_text(*c.after);
}

// Every change as "+ line" / "- line" / "~ before => after", in the order a reviewer reads them:
// paths first, since they are what the contract is about.
std::vector<std::string> change_lines(const TopologyDiff& d) {
    std::vector<std::string> out;
    for (const auto& p : d.paths_added) out.push_back("+ path " + path_line(p));
    for (const auto& p : d.paths_removed) out.push_back("- path " + path_line(p));
    for (const auto& c : d.paths_changed) out.push_back("~ path " + path_line(c.before) + " => " + path_line(c.after));
    for (const auto& c : d.path_classes) out.push_back(class_line(c));
    for (const auto& p : d.published_added) out.push_back("+ " + published_line(p));
    for (const auto& p : d.published_removed) out.push_back("- " + published_line(p));
    for (const auto& a : d.attachments_added) out.push_back("+ " + attachment_line(a));
    for (const auto& a : d.attachments_removed) out.push_back("- " + attachment_line(a));
    for (const auto& n : d.networks_added) out.push_back("+ " + network_line(n));
    for (const auto& n : d.networks_removed) out.push_back("- " + network_line(n));
    for (const auto& c : d.networks_changed) out.push_back("~ " + network_line(c.before) + " => " + network_line(c.after));
    for (const auto& t : d.tiers_added) out.push_back("+ " + tier_line(t));
    for (const auto& t : d.tiers_removed) out.push_back("- " + tier_line(t));
    for (const auto& c : d.tiers_changed) out.push_back("~ " + tier_line(c.before) + " => " + tier_line(c.after));
    return out;
}

std::string summary(const TopologyDiff& d) {
    return fmt::format("{} path(s) added, {} removed, {} changed; {} published port(s) added, {} removed; "
                       "{} attachment(s) added, {} removed; {} network(s) and {} tier(s) added, removed or changed",
                       d.added_paths(), d.removed_paths(), d.changed_paths(), d.published_added.size(),
                       d.published_removed.size(), d.attachments_added.size(), d.attachments_removed.size(),
                       d.networks_added.size() + d.networks_removed.size() + d.networks_changed.size(),
                       d.tiers_added.size() + d.tiers_removed.size() + d.tiers_changed.size());
}

nlohmann::json attachment_json(const Topology& t, const AttachmentEntry& a) {
    const TopologyService* service = t.find_service(a.service);
    nlohmann::json out = {{"service", a.service}, {"network", a.attachment.network}, {"aliases", a.attachment.aliases}};
    out["tier"] = service && !service->tier.empty() ? nlohmann::json(service->tier) : nlohmann::json(nullptr);
    return out;
}

nlohmann::json tier_json(const TopologyTier& t) {
    return {{"name", t.name}, {"network", t.network}, {"internal", t.internal},
            {"egress", t.egress == Egress::deny ? "deny" : "allow"}};
}

nlohmann::json class_change_json(const Topology& t, const PathClass& c) {
    return {{"verdict", to_string(c.verdict)}, {"networks", c.networks}, {"reason", class_reason(t, c)}};
}

// A class change: its services, ports and count, and the class on each side it is in.
nlohmann::json class_change_json(const PathClassChange& c, const Topology& before, const Topology& after) {
    nlohmann::json out = {{"from", c.from},
                          {"to", c.to},
                          {"port", c.ports.kind == ClassPorts::Kind::port ? nlohmann::json(c.ports.port) : nlohmann::json(ports_text(c.ports))},
                          {"paths", c.paths}};
    if (c.before) out["before"] = class_change_json(before, *c.before);
    if (c.after) out["after"] = class_change_json(after, *c.after);
    return out;
}

}  // namespace

std::string services_text(const std::vector<std::string>& names) {
    constexpr std::size_t kShown = 3;
    if (names.size() <= kShown) return fmt::format("{}", fmt::join(names, ", "));
    return fmt::format("{} and {} more", fmt::join(names.begin(), names.begin() + kShown - 1, ", "), names.size() - (kShown - 1));
}

nlohmann::json diff_json(const TopologyDiff& d, const Topology& before, const Topology& after) {
    nlohmann::json out = {
        {"paths", {{"added", nlohmann::json::array()}, {"removed", nlohmann::json::array()}, {"changed", nlohmann::json::array()}}},
        {"published", {{"added", nlohmann::json::array()}, {"removed", nlohmann::json::array()}}},
        {"attachments", {{"added", nlohmann::json::array()}, {"removed", nlohmann::json::array()}}},
        {"networks", {{"added", nlohmann::json::array()}, {"removed", nlohmann::json::array()}, {"changed", nlohmann::json::array()}}},
        {"tiers", {{"added", nlohmann::json::array()}, {"removed", nlohmann::json::array()}, {"changed", nlohmann::json::array()}}}};
    for (const auto& p : d.paths_added) out["paths"]["added"].push_back(path_json(after, p));
    for (const auto& p : d.paths_removed) out["paths"]["removed"].push_back(path_json(before, p));
    for (const auto& c : d.paths_changed) {
        out["paths"]["changed"].push_back({{"before", path_json(before, c.before)}, {"after", path_json(after, c.after)}});
    }
    if (!d.path_classes.empty()) {
        out["path_classes"] = {{"added", nlohmann::json::array()}, {"removed", nlohmann::json::array()}, {"changed", nlohmann::json::array()}};
        for (const PathClassChange& c : d.path_classes) {
            throw_if_cancelled();
            out["path_classes"][!c.before ? "added" : !c.after ? "removed" : "changed"].push_back(class_change_json(c, before, after));
        }
    }
    auto published = [](const Topology& t, const PublishedPort& p) {
        nlohmann::json entry = published_json(t, p.port);
        entry["service"] = p.service;
        return entry;
    };
    for (const auto& p : d.published_added) out["published"]["added"].push_back(published(after, p));
    for (const auto& p : d.published_removed) out["published"]["removed"].push_back(published(before, p));
    for (const auto& a : d.attachments_added) out["attachments"]["added"].push_back(attachment_json(after, a));
    for (const auto& a : d.attachments_removed) out["attachments"]["removed"].push_back(attachment_json(before, a));
    for (const auto& n : d.networks_added) out["networks"]["added"].push_back(network_json(n));
    for (const auto& n : d.networks_removed) out["networks"]["removed"].push_back(network_json(n));
    for (const auto& c : d.networks_changed) {
        out["networks"]["changed"].push_back({{"before", network_json(c.before)}, {"after", network_json(c.after)}});
    }
    for (const auto& t : d.tiers_added) out["tiers"]["added"].push_back(tier_json(t));
    for (const auto& t : d.tiers_removed) out["tiers"]["removed"].push_back(tier_json(t));
    for (const auto& c : d.tiers_changed) out["tiers"]["changed"].push_back({{"before", tier_json(c.before)}, {"after", tier_json(c.after)}});
    const DiffRisk risk = diff_risk(d);
    out["summary"] = {{"forbidden_paths_carried", {{"added", risk.forbidden_added}, {"removed", risk.forbidden_removed}}},
                      {"ports_published_on_all_addresses", {{"added", risk.open_ports_added}, {"removed", risk.open_ports_removed}}},
                      {"worse", risk.worse()},
                      {"text", risk_line(risk)}};
    return out;
}

std::string diff_text(const TopologyDiff& d, const Topology&, const Topology&) {
    if (d.empty()) return "no change in the topology\n";
    std::string out;
    for (const std::string& line : change_lines(d)) out += line + "\n";
    return out + summary(d) + "\n" + risk_line(diff_risk(d)) + "\n";
}

std::string diff_markdown(const TopologyDiff& d, const Topology&, const Topology& after) {
    std::string out = "### meshprobe: topology change\n\n";
    if (d.empty()) return out + "No change in the topology of environment " + after.environment + ".\n";
    out += "**" + risk_line(diff_risk(d)) + "**\n\n";
    out += summary(d) + " (environment " + after.environment + ").\n\n";
    const bool edges = d.added_paths() > 0 || d.removed_paths() > 0;
    if (edges) out += "```mermaid\n" + diff_mermaid(d) + "```\n\n";
    out += "```diff\n";
    for (const std::string& line : change_lines(d)) out += line + "\n";
    return out + "```\n";
}

}  // namespace meshprobe
