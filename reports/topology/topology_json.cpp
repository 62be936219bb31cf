#include <fmt/format.h>

#include <filesystem>

#include "core/cancelled.h"
#include "core/ip_address.h"
#include "reports/report_paths.h"
#include "reports/topology/topology_render.h"

namespace meshprobe {
namespace {

// The contract's own lines carry its path as given (maybe relative to where meshprobe runs).
std::string where(const Topology& topology, const SourceLocation& location) {
    return relative_location(location, topology.contract_dir);
}

// The attachments that carry a path, as "network (from file:line, to file:line)".
std::string carriers(const Topology& topology, const TopologyPath& path) {
    const TopologyService* from = topology.find_service(path.from);
    const TopologyService* to = topology.find_service(path.to);
    std::vector<std::string> parts;
    for (const std::string& network : path.networks) {
        std::vector<std::string> lines;
        for (const TopologyService* side : {from, to}) {
            if (!side) continue;
            for (const TopologyAttachment& a : side->attachments) {
                if (a.network != network) continue;
                if (!a.declared) {
                    lines.push_back(side->name + " attached now, in no compose file");
                } else if (!a.where.file.empty()) {
                    lines.push_back(side->name + " " + where(topology, a.where));
                }
            }
        }
        parts.push_back(lines.empty() ? network : fmt::format("{} ({})", network, fmt::join(lines, ", ")));
    }
    return fmt::format("{}", fmt::join(parts, "; "));
}

// `tier`: the source's, for a same-tier grant.
std::string grant_text(const Topology& topology, Grant::Kind grant, const SourceLocation& flow, const std::string& tier) {
    switch (grant) {
        case Grant::Kind::flow: return "flow " + where(topology, flow);
        case Grant::Kind::same_tier: return "same tier " + tier + " (policy same_tier: allow)";
        case Grant::Kind::self: return "the service itself";
        case Grant::Kind::none: break;
    }
    return "nothing";
}

std::string grant_text(const Topology& topology, const TopologyPath& path) {
    const TopologyService* from = path.grant == Grant::Kind::same_tier ? topology.find_service(path.from) : nullptr;
    return grant_text(topology, path.grant, path.flow, from ? from->tier : std::string{});
}

std::string unknown_ports(const std::string& target) {
    return "no port of " + target + " is known, and Docker opens every port (declare them with `ports:` in the contract, "
           "or `ports: none` if it serves none); ";
}

nlohmann::json location_or_null(const Topology& topology, const SourceLocation& location) {
    std::string text = where(topology, location);
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

}  // namespace

std::string reason_of(const Topology& topology, const TopologyPath& path) {
    switch (path.verdict) {
        case PathVerdict::allowed: return grant_text(topology, path) + "; carried by " + carriers(topology, path);
        case PathVerdict::reverse:
            return "reverse of " + path.reverse_of + " (policy reverse: allow); carried by " + carriers(topology, path);
        case PathVerdict::broken:
            return grant_text(topology, path) + " allows it, but no network carries it";
        case PathVerdict::blocked:
            return path.grant == Grant::Kind::none ? "no flow allows it, and no network carries it"
                                                   : grant_text(topology, path) + " allows it, but no network carries it";
        case PathVerdict::forbidden: break;
    }
    std::string text = "no flow allows it";
    if (!path.port) text = unknown_ports(path.to) + text;
    return text + "; carried by " + carriers(topology, path);
}

std::string class_reason(const Topology& topology, const PathClass& c) {
    const ServiceGroup& from = topology.groups[c.from];
    const ServiceGroup& to = topology.groups[c.to];
    const std::string carried = fmt::format("; carried by {}", fmt::join(c.networks, ", "));
    switch (c.verdict) {
        case PathVerdict::allowed: return grant_text(topology, c.grant, c.flow, from.tier) + carried;
        case PathVerdict::reverse:
            return "reverse of a path the contract allows from " + to.name + " to " + from.name + " (policy reverse: allow)" +
                   carried;
        case PathVerdict::broken:
        case PathVerdict::blocked: return grant_text(topology, c.grant, c.flow, from.tier) + " allows it, but no network carries it";
        case PathVerdict::forbidden: break;
    }
    std::string text = "no flow allows it";
    if (c.ports.kind == ClassPorts::Kind::any) text = unknown_ports("group " + to.name) + text;
    return text + carried;
}

std::string ports_text(const ClassPorts& ports) {
    switch (ports.kind) {
        case ClassPorts::Kind::port: return std::to_string(ports.port);
        case ClassPorts::Kind::own: return "own";
        case ClassPorts::Kind::any: break;
    }
    return "any";
}

nlohmann::json path_json(const Topology& topology, const TopologyPath& path) {
    return {{"from", path.from},
            {"to", path.to},
            {"port", path.port ? nlohmann::json(*path.port) : nlohmann::json("any")},
            {"networks", path.networks},
            {"verdict", to_string(path.verdict)},
            {"reason", reason_of(topology, path)}};
}

nlohmann::json published_json(const Topology& topology, const PortMapping& p) {
    nlohmann::json out = {{"host_ip", shown_address(p.host_ip)},
                          {"host_port", p.host_port},
                          {"container_port", p.container_port},
                          {"protocol", p.protocol},
                          {"where", location_or_null(topology, p.where)}};
    if (p.container_port_end > p.container_port) {
        out["host_port_end"] = p.host_port_end;
        out["container_port_end"] = p.container_port_end;
    }
    return out;
}

nlohmann::json class_json(const Topology& topology, const PathClass& c) {
    return {{"from", topology.groups[c.from].name},
            {"to", topology.groups[c.to].name},
            {"port", c.ports.kind == ClassPorts::Kind::port ? nlohmann::json(c.ports.port) : nlohmann::json(ports_text(c.ports))},
            {"networks", c.networks},
            {"verdict", to_string(c.verdict)},
            {"reason", class_reason(topology, c)},
            {"pairs", c.pairs}};
}

void to_json(nlohmann::json& out, const Topology& topology) { to_json(out, topology, PathForm::pairs); }

void to_json(nlohmann::json& out, const Topology& topology, PathForm form) {
    out = {{"schema", "meshprobe.topology/v1"},
           {"source", topology.source},
           {"project", topology.project},
           {"environment", topology.environment},
           {"tiers", nlohmann::json::array()},
           {"networks", nlohmann::json::array()},
           {"services", nlohmann::json::array()}};
    for (const TopologyTier& tier : topology.tiers) {
        out["tiers"].push_back({{"name", tier.name}, {"network", tier.network}, {"internal", tier.internal},
                                {"egress", tier.egress == Egress::deny ? "deny" : "allow"},
                                {"where", location_or_null(topology, tier.where)}});
    }
    for (const TopologyNetwork& network : topology.networks) {
        out["networks"].push_back({{"key", network.key}, {"name", network.name}, {"internal", network.internal},
                                   {"external", network.external}, {"ipv6", network.ipv6},
                                   {"tier", network.tier.empty() ? nlohmann::json(nullptr) : nlohmann::json(network.tier)},
                                   {"where", location_or_null(topology, network.where)}});
    }
    for (const TopologyService& service : topology.services) {
        nlohmann::json s = {{"name", service.name},
                            {"tier", service.tier.empty() ? nlohmann::json(nullptr) : nlohmann::json(service.tier)},
                            {"network_mode", service.network_mode},
                            {"attachments", nlohmann::json::array()},
                            {"ports", service.ports},
                            {"published", nlohmann::json::array()},
                            {"where", location_or_null(topology, service.where)}};
        for (const TopologyAttachment& a : service.attachments) {
            nlohmann::json attachment = {{"network", a.network}, {"aliases", a.aliases},
                                         {"where", location_or_null(topology, a.where)}};
            if (!a.ipv4_address.empty()) attachment["ip"] = a.ipv4_address;
            if (!a.ipv6_address.empty()) attachment["ipv6"] = a.ipv6_address;
            if (topology.source == "live") attachment["declared"] = a.declared;
            s["attachments"].push_back(std::move(attachment));
        }
        for (const PortMapping& p : service.published) s["published"].push_back(published_json(topology, p));
        if (topology.source == "live") {
            s["containers"] = nlohmann::json::array();
            for (const TopologyContainer& c : service.containers) {
                s["containers"].push_back({{"name", c.name}, {"number", c.number}, {"state", c.state}, {"health", c.health}});
            }
            s["undeclared"] = service.undeclared;
        }
        out["services"].push_back(std::move(s));
    }
    if (form == PathForm::pairs) {
        out["paths"] = nlohmann::json::array();
        for (const TopologyPath& path : topology.paths) {
            throw_if_cancelled();
            out["paths"].push_back(path_json(topology, path));
        }
        return;
    }
    out["groups"] = nlohmann::json::array();
    for (const ServiceGroup& group : topology.groups) {
        out["groups"].push_back({{"name", group.name},
                                 {"tier", group.tier.empty() ? nlohmann::json(nullptr) : nlohmann::json(group.tier)},
                                 {"networks", group.networks},
                                 {"services", group.services}});
    }
    out["path_classes"] = nlohmann::json::array();
    for (const PathClass& c : topology.classes) out["path_classes"].push_back(class_json(topology, c));
}

}  // namespace meshprobe
