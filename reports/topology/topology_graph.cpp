#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "core/cancelled.h"
#include "reports/topology/topology_render.h"

namespace meshprobe {
namespace {

// One drawn edge: the paths between two services with one verdict, their ports joined.
struct Edge {
    std::string from;
    std::string to;
    PathVerdict verdict;
    std::string label;
};

std::vector<Edge> edges_of(const Topology& topology) {
    std::map<std::tuple<std::string, std::string, PathVerdict>, std::vector<std::string>> ports;
    std::vector<std::tuple<std::string, std::string, PathVerdict>> order;
    for (const TopologyPath& path : topology.paths) {
        throw_if_cancelled();
        if (path.verdict == PathVerdict::reverse) continue;
        auto key = std::make_tuple(path.from, path.to, path.verdict);
        auto [it, added] = ports.try_emplace(key);
        if (added) order.push_back(key);
        it->second.push_back(path.port ? std::to_string(*path.port) : "any");
    }
    std::vector<Edge> out;
    for (const auto& key : order) {
        out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), fmt::format("{}", fmt::join(ports[key], ","))});
    }
    return out;
}

// A large model's edges, from its classes: one per pair of tiers and verdict, between tier
// nodes (named as tiers, "untiered" for services without one), the ports of its classes joined.
std::vector<Edge> tier_edges_of(const Topology& topology) {
    std::map<std::tuple<std::string, std::string, PathVerdict>, std::vector<std::string>> ports;
    std::vector<std::tuple<std::string, std::string, PathVerdict>> order;
    auto tier = [&](std::size_t group) {
        const std::string& name = topology.groups[group].tier;
        return name.empty() ? std::string("untiered") : name;
    };
    for (const PathClass& c : topology.classes) {
        if (c.verdict == PathVerdict::reverse) continue;
        auto key = std::make_tuple(tier(c.from), tier(c.to), c.verdict);
        auto [it, added] = ports.try_emplace(key);
        if (added) order.push_back(key);
        const std::string port = ports_text(c.ports);
        if (std::find(it->second.begin(), it->second.end(), port) == it->second.end()) it->second.push_back(port);
    }
    std::vector<Edge> out;
    for (const auto& key : order) {
        out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), fmt::format("{}", fmt::join(ports[key], ","))});
    }
    return out;
}

// The tiers as nodes of a large model: every tier, and "untiered" when a service has none.
std::vector<std::string> tier_nodes(const Topology& topology) {
    std::vector<std::string> out;
    for (const TopologyTier& tier : topology.tiers) out.push_back(tier.name);
    const bool untiered = std::any_of(topology.services.begin(), topology.services.end(),
                                      [](const TopologyService& s) { return s.tier.empty(); });
    if (untiered) out.push_back("untiered");
    return out;
}

using Clusters = std::vector<std::pair<const TopologyTier*, std::vector<const TopologyService*>>>;

// The services of each tier, in tier order; services without a tier under "". None for a
// large model, whose nodes are its tiers.
Clusters clusters(const Topology& topology) {
    Clusters out;
    if (is_large(topology)) return out;
    for (const TopologyTier& tier : topology.tiers) out.push_back({&tier, {}});
    out.push_back({nullptr, {}});
    for (const TopologyService& service : topology.services) {
        auto it = std::find_if(out.begin(), out.end(), [&](const auto& c) { return c.first && c.first->name == service.tier; });
        (it == out.end() ? out.back() : *it).second.push_back(&service);
    }
    return out;
}

// Mermaid ids allow letters, digits and underscores: a service is named by its place.
class NodeIds {
public:
    NodeIds(const std::vector<std::string>& names, char prefix) : prefix_(prefix) {
        for (std::size_t i = 0; i < names.size(); ++i) ids_.emplace(names[i], i);
    }
    std::string operator()(const std::string& name) const {
        auto it = ids_.find(name);
        return it == ids_.end() ? "unknown" : prefix_ + std::to_string(it->second);
    }

private:
    char prefix_;
    std::map<std::string, std::size_t> ids_;
};

std::vector<std::string> service_names(const Topology& topology) {
    std::vector<std::string> out;
    for (const TopologyService& service : topology.services) out.push_back(service.name);
    return out;
}

std::string members_text(const Topology& topology, const std::string& tier) {
    std::size_t count = 0;
    for (const TopologyService& s : topology.services) count += (s.tier.empty() ? "untiered" : s.tier) == tier;
    return fmt::format("{} ({} service{})", tier, count, count == 1 ? "" : "s");
}

std::string quoted_label(const std::string& text) {
    std::string out;
    for (char c : text) out += c == '"' ? std::string("#quot;") : std::string(1, c);
    return out;
}

std::string dot_string(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string tier_title(const TopologyTier& tier) {
    return fmt::format("{} (network {}{})", tier.name, tier.network, tier.internal ? ", internal" : "");
}

}  // namespace

// A container no compose file declares says so on its node.
static std::string node_label(const TopologyService& service) {
    return service.undeclared ? service.name + " (undeclared)" : service.name;
}

std::string to_mermaid(const Topology& topology) {
    const bool large = is_large(topology);
    const NodeIds node_id(large ? tier_nodes(topology) : service_names(topology), large ? 't' : 's');
    std::string out = "flowchart LR\n";
    int cluster = 0;
    if (large) {
        for (const std::string& tier : tier_nodes(topology))
            out += fmt::format("  {}[\"{}\"]\n", node_id(tier), quoted_label(members_text(topology, tier)));
    }
    for (const auto& [tier, services] : clusters(topology)) {
        std::string indent = "  ";
        if (tier) {
            out += fmt::format("  subgraph tier_{}[\"{}\"]\n", cluster++, quoted_label(tier_title(*tier)));
            indent = "    ";
        }
        for (const TopologyService* service : services) {
            out += fmt::format("{}{}[\"{}\"]\n", indent, node_id(service->name), quoted_label(node_label(*service)));
        }
        if (tier) out += "  end\n";
    }
    std::vector<int> red;
    int index = 0;
    for (const Edge& edge : large ? tier_edges_of(topology) : edges_of(topology)) {
        const char* arrow = edge.verdict == PathVerdict::broken ? "-.->" : "-->";
        std::string label = edge.verdict == PathVerdict::broken ? "broken " + edge.label : edge.label;
        out += fmt::format("  {} {}|\"{}\"| {}\n", node_id(edge.from), arrow, quoted_label(label), node_id(edge.to));
        if (edge.verdict == PathVerdict::forbidden) red.push_back(index);
        ++index;
    }
    if (!red.empty()) out += fmt::format("  linkStyle {} stroke:#d00,color:#d00\n", fmt::join(red, ","));
    return out;
}

std::string to_dot(const Topology& topology) {
    const bool large = is_large(topology);
    std::string out = "digraph topology {\n  rankdir=LR;\n  node [shape=box];\n";
    int cluster = 0;
    if (large) {
        for (const std::string& tier : tier_nodes(topology))
            out += fmt::format("  {} [label={}];\n", dot_string(tier), dot_string(members_text(topology, tier)));
    }
    for (const auto& [tier, services] : clusters(topology)) {
        std::string indent = "  ";
        if (tier) {
            out += fmt::format("  subgraph cluster_{} {{\n    label={};\n", cluster++, dot_string(tier_title(*tier)));
            indent = "    ";
        }
        for (const TopologyService* service : services) {
            out += indent + dot_string(service->name) +
                   (service->undeclared ? " [label=" + dot_string(node_label(*service)) + ", style=dashed]" : "") + ";\n";
        }
        if (tier) out += "  }\n";
    }
    for (const Edge& edge : large ? tier_edges_of(topology) : edges_of(topology)) {
        std::string style;
        if (edge.verdict == PathVerdict::forbidden) style = ", color=red, fontcolor=red";
        if (edge.verdict == PathVerdict::broken) style = ", style=dashed";
        out += fmt::format("  {} -> {} [label={}{}];\n", dot_string(edge.from), dot_string(edge.to),
                           dot_string(edge.verdict == PathVerdict::broken ? "broken " + edge.label : edge.label), style);
    }
    return out + "}\n";
}

std::string diff_mermaid(const TopologyDiff& diff) {
    std::map<std::string, std::string> ids;
    auto id = [&ids](const std::string& name) {
        auto [it, added] = ids.try_emplace(name, "s" + std::to_string(ids.size()));
        return it->second;
    };
    std::string nodes, edges;
    auto node = [&](const std::string& name) {
        const bool known = ids.count(name) > 0;
        const std::string out = id(name);
        if (!known) nodes += fmt::format("  {}[\"{}\"]\n", out, quoted_label(name));
        return out;
    };
    std::vector<int> red, grey;
    int index = 0;
    for (const TopologyPath& path : diff.paths_added) {
        if (path.verdict == PathVerdict::reverse) continue;
        const std::string port = path.port ? std::to_string(*path.port) : "any";
        const char* arrow = path.verdict == PathVerdict::broken ? "-.->" : "-->";
        const std::string from = node(path.from), to = node(path.to);
        edges += fmt::format("  {} {}|\"+ {} {}\"| {}\n", from, arrow, quoted_label(port), to_string(path.verdict), to);
        if (path.verdict == PathVerdict::forbidden) red.push_back(index);
        ++index;
    }
    for (const TopologyPath& path : diff.paths_removed) {
        if (path.verdict == PathVerdict::reverse) continue;
        const std::string port = path.port ? std::to_string(*path.port) : "any";
        const std::string from = node(path.from), to = node(path.to);
        edges += fmt::format("  {} -.->|\"- {} {}\"| {}\n", from, quoted_label(port), to_string(path.verdict), to);
        grey.push_back(index++);
    }
    for (const PathClassChange& c : diff.path_classes) {
        const PathClass& shown = c.after ? *c.after : *c.before;
        if (shown.verdict == PathVerdict::reverse || (c.before && c.after)) continue;
        const std::string from = node(services_text(c.from)), to = node(services_text(c.to));
        const std::string label = fmt::format("{} {} {} ({} path(s))", c.after ? "+" : "-", ports_text(c.ports), to_string(shown.verdict), c.paths);
        edges += fmt::format("  {} {}|\"{}\"| {}\n", from, c.after && shown.verdict != PathVerdict::broken ? "-->" : "-.->", quoted_label(label), to);
        if (!c.after) {
            grey.push_back(index);
        } else if (shown.verdict == PathVerdict::forbidden) {
            red.push_back(index);
        }
        ++index;
    }
    std::string out = "flowchart LR\n" + nodes + edges;
    if (!red.empty()) out += fmt::format("  linkStyle {} stroke:#d00,color:#d00\n", fmt::join(red, ","));
    if (!grey.empty()) out += fmt::format("  linkStyle {} stroke:#888,color:#888\n", fmt::join(grey, ","));
    return out;
}

}  // namespace meshprobe
