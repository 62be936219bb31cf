#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/cancelled.h"
#include "reports/topology/topology_render.h"

namespace meshprobe {
namespace {

// One end of a drawn edge: a service, a tier's cluster (every member of the tier) or, at the
// tier level, a tier's node.
struct End {
    std::string name;
    bool cluster = false;
    auto operator<=>(const End&) const = default;
};

// One drawn edge: paths with one verdict between two ends, their ports joined.
struct Edge {
    End from;
    End to;
    PathVerdict verdict;
    std::vector<std::string> ports;
    // A label long enough to hide the picture says how many more ports it leaves out.
    std::string label() const {
        constexpr std::size_t shown = 3;
        std::string joined;
        if (ports.size() <= shown + 1) {
            joined = fmt::format("{}", fmt::join(ports, ","));
        } else {
            joined = fmt::format("{} and {} more", fmt::join(ports.begin(), ports.begin() + shown, ","), ports.size() - shown);
        }
        return verdict == PathVerdict::broken ? "broken " + joined : joined;
    }
};

void add_port(std::vector<std::string>& ports, const std::string& port) {
    if (std::find(ports.begin(), ports.end(), port) == ports.end()) ports.push_back(port);
}

// Edges keyed by their ends and verdict, in the order they were first seen, so that the same
// model gives the same bytes.
class EdgeList {
public:
    Edge& at(const End& from, const End& to, PathVerdict verdict) {
        auto [it, added] = index_.try_emplace(std::make_tuple(from, to, verdict), edges_.size());
        if (added) edges_.push_back({from, to, verdict, {}});
        return edges_[it->second];
    }
    const std::vector<Edge>& edges() const { return edges_; }

private:
    std::map<std::tuple<End, End, PathVerdict>, std::size_t> index_;
    std::vector<Edge> edges_;
};

// What a graph draws: its edges, and per tier the verdicts of the paths between its own
// members, drawn as one mark on the tier instead of an edge per pair.
struct Graph {
    std::vector<Edge> edges;
    std::map<std::string, std::vector<PathVerdict>> meshes;
};

std::string mesh_text(const std::vector<PathVerdict>& verdicts) {
    std::vector<std::string> out;
    for (PathVerdict v : verdicts) {
        if (v == PathVerdict::allowed) out.push_back("members reach each other");
        if (v == PathVerdict::forbidden) out.push_back("forbidden paths between members");
        if (v == PathVerdict::broken) out.push_back("broken flows between members");
    }
    return out.empty() ? "" : fmt::format("; {}", fmt::join(out, "; "));
}

bool has_forbidden(const std::vector<PathVerdict>& verdicts) {
    return std::find(verdicts.begin(), verdicts.end(), PathVerdict::forbidden) != verdicts.end();
}

using Members = std::map<std::string, std::set<std::string>>;

// The service level, folded. A tier's "every member" counts the members that are the source
// (or the target) of some path at all: a service that serves no port is no target anywhere,
// so a flow to its tier still covers the tier.
Graph service_graph(const Topology& topology) {
    std::map<std::string, std::string> tier_of;
    for (const TopologyService& s : topology.services) tier_of[s.name] = s.tier;
    Members sources, targets;
    EdgeList pairs;
    for (const TopologyPath& path : topology.paths) {
        throw_if_cancelled();
        sources[tier_of[path.from]].insert(path.from);
        targets[tier_of[path.to]].insert(path.to);
        if (path.verdict == PathVerdict::reverse) continue;
        add_port(pairs.at({path.from}, {path.to}, path.verdict).ports, path.port ? std::to_string(*path.port) : "any");
    }
    sources.erase("");
    targets.erase("");

    // A tier whose members all reach each other with one verdict is one mark.
    Graph graph;
    std::map<std::pair<std::string, PathVerdict>, std::size_t> inside;
    for (const Edge& e : pairs.edges()) {
        const std::string& tier = tier_of[e.from.name];
        if (!tier.empty() && tier == tier_of[e.to.name]) ++inside[{tier, e.verdict}];
    }
    std::set<std::pair<std::string, PathVerdict>> meshed;
    for (const auto& [key, count] : inside) {
        std::size_t expected = 0;
        for (const std::string& to : targets[key.first]) expected += sources[key.first].size() - sources[key.first].count(to);
        if (count != expected) continue;
        meshed.insert(key);
        graph.meshes[key.first].push_back(key.second);
    }

    // Paths to one target from every member of another tier: one edge from that tier's cluster.
    std::map<std::tuple<std::string, std::string, PathVerdict>, std::set<std::string>> from_tier;
    for (const Edge& e : pairs.edges()) from_tier[{tier_of[e.from.name], e.to.name, e.verdict}].insert(e.from.name);
    auto folds_sources = [&](const Edge& e) {
        const std::string& tier = tier_of[e.from.name];
        if (tier.empty() || tier == tier_of[e.to.name] || sources[tier].size() < 2) return false;
        return from_tier[{tier, e.to.name, e.verdict}] == sources[tier];
    };
    EdgeList folded;
    for (const Edge& e : pairs.edges()) {
        const std::string& tier = tier_of[e.from.name];
        if (meshed.count({tier, e.verdict}) && tier == tier_of[e.to.name]) continue;
        Edge& out = folded.at(folds_sources(e) ? End{tier, true} : e.from, e.to, e.verdict);
        for (const std::string& port : e.ports) add_port(out.ports, port);
    }

    // Edges from one end to every member of a tier: one edge to that tier's cluster.
    std::map<std::tuple<End, std::string, PathVerdict>, std::set<std::string>> to_tier;
    for (const Edge& e : folded.edges()) to_tier[{e.from, tier_of[e.to.name], e.verdict}].insert(e.to.name);
    auto folds_targets = [&](const Edge& e) {
        const std::string& tier = tier_of[e.to.name];
        const std::string& from_tier_name = e.from.cluster ? e.from.name : tier_of[e.from.name];
        if (tier.empty() || tier == from_tier_name || targets[tier].size() < 2) return false;
        return to_tier[{e.from, tier, e.verdict}] == targets[tier];
    };
    EdgeList out;
    for (const Edge& e : folded.edges()) {
        Edge& edge = out.at(e.from, folds_targets(e) ? End{tier_of[e.to.name], true} : e.to, e.verdict);
        for (const std::string& port : e.ports) add_port(edge.ports, port);
    }
    graph.edges = out.edges();
    return graph;
}

// The tier level, from the classes: one edge per pair of tiers and verdict between tier nodes
// (named as tiers, "untiered" for services without one), the ports of its classes joined; the
// paths inside a tier are a mark on its node.
Graph tier_graph(const Topology& topology) {
    auto tier = [&](std::size_t group) {
        const std::string& name = topology.groups[group].tier;
        return name.empty() ? std::string("untiered") : name;
    };
    Graph graph;
    EdgeList edges;
    for (const PathClass& c : topology.classes) {
        if (c.verdict == PathVerdict::reverse) continue;
        const std::string from = tier(c.from), to = tier(c.to);
        if (from == to) {
            std::vector<PathVerdict>& verdicts = graph.meshes[from];
            if (std::find(verdicts.begin(), verdicts.end(), c.verdict) == verdicts.end()) verdicts.push_back(c.verdict);
            continue;
        }
        add_port(edges.at({from}, {to}, c.verdict).ports, ports_text(c.ports));
    }
    for (auto& [name, verdicts] : graph.meshes) std::sort(verdicts.begin(), verdicts.end());
    graph.edges = edges.edges();
    return graph;
}

Graph graph_of(const Topology& topology, GraphLevel level) {
    return level == GraphLevel::tier ? tier_graph(topology) : service_graph(topology);
}

// The tiers as nodes of the tier level: every tier, and "untiered" when a service has none.
std::vector<std::string> tier_nodes(const Topology& topology) {
    std::vector<std::string> out;
    for (const TopologyTier& tier : topology.tiers) out.push_back(tier.name);
    const bool untiered = std::any_of(topology.services.begin(), topology.services.end(),
                                      [](const TopologyService& s) { return s.tier.empty(); });
    if (untiered) out.push_back("untiered");
    return out;
}

using Clusters = std::vector<std::pair<const TopologyTier*, std::vector<const TopologyService*>>>;

// The services of each tier, in tier order (a cluster's index is its tier's); services without
// a tier last, under no tier.
Clusters clusters(const Topology& topology) {
    Clusters out;
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

std::size_t graph_edge_count(const Topology& topology, GraphLevel level) { return graph_of(topology, level).edges.size(); }

GraphLevel default_level(const Topology& topology) {
    if (is_large(topology) || topology.services.size() > kGraphServices) return GraphLevel::tier;
    return graph_edge_count(topology, GraphLevel::service) <= kGraphEdges ? GraphLevel::service : GraphLevel::tier;
}

std::string to_mermaid(const Topology& topology) { return to_mermaid(topology, default_level(topology)); }
std::string to_dot(const Topology& topology) { return to_dot(topology, default_level(topology)); }

std::string to_mermaid(const Topology& topology, GraphLevel level) {
    const bool tiers = level == GraphLevel::tier;
    const Graph graph = graph_of(topology, level);
    const NodeIds node_id(tiers ? tier_nodes(topology) : service_names(topology), tiers ? 't' : 's');
    const NodeIds cluster_id(tier_nodes(topology), 'c');
    auto id = [&](const End& end) { return end.cluster ? cluster_id(end.name) : node_id(end.name); };
    auto meshes = [&](const std::string& tier) {
        auto it = graph.meshes.find(tier);
        return it == graph.meshes.end() ? std::vector<PathVerdict>{} : it->second;
    };
    std::string out = "flowchart LR\n", styles;
    if (tiers) {
        for (const std::string& tier : tier_nodes(topology)) {
            out += fmt::format("  {}[\"{}\"]\n", node_id(tier), quoted_label(members_text(topology, tier) + mesh_text(meshes(tier))));
            if (has_forbidden(meshes(tier))) styles += fmt::format("  style {} stroke:#d00,color:#d00\n", node_id(tier));
        }
    } else {
        for (const auto& [tier, services] : clusters(topology)) {
            std::string indent = "  ";
            if (tier) {
                out += fmt::format("  subgraph {}[\"{}\"]\n", cluster_id(tier->name),
                                   quoted_label(tier_title(*tier) + mesh_text(meshes(tier->name))));
                if (has_forbidden(meshes(tier->name))) styles += fmt::format("  style {} stroke:#d00,color:#d00\n", cluster_id(tier->name));
                indent = "    ";
            }
            for (const TopologyService* service : services) {
                out += fmt::format("{}{}[\"{}\"]\n", indent, node_id(service->name), quoted_label(node_label(*service)));
            }
            if (tier) out += "  end\n";
        }
    }
    std::vector<std::size_t> red;
    for (std::size_t index = 0; index < graph.edges.size(); ++index) {
        const Edge& edge = graph.edges[index];
        const char* arrow = edge.verdict == PathVerdict::broken ? "-.->" : "-->";
        out += fmt::format("  {} {}|\"{}\"| {}\n", id(edge.from), arrow, quoted_label(edge.label()), id(edge.to));
        if (edge.verdict == PathVerdict::forbidden) red.push_back(index);
    }
    if (!red.empty()) out += fmt::format("  linkStyle {} stroke:#d00,color:#d00\n", fmt::join(red, ","));
    return out + styles;
}

std::string to_dot(const Topology& topology, GraphLevel level) {
    const bool tiers = level == GraphLevel::tier;
    const Graph graph = graph_of(topology, level);
    auto meshes = [&](const std::string& tier) {
        auto it = graph.meshes.find(tier);
        return it == graph.meshes.end() ? std::vector<PathVerdict>{} : it->second;
    };
    // An edge to a cluster is drawn to one of its nodes and clipped at the cluster's border.
    std::map<std::string, std::pair<std::string, std::string>> anchors;  // tier -> (cluster, node)
    std::string out = "digraph topology {\n  rankdir=LR;\n  compound=true;\n  node [shape=box];\n";
    if (tiers) {
        for (const std::string& tier : tier_nodes(topology)) {
            out += fmt::format("  {} [label={}{}];\n", dot_string(tier), dot_string(members_text(topology, tier) + mesh_text(meshes(tier))),
                               has_forbidden(meshes(tier)) ? ", color=red, fontcolor=red" : "");
        }
    } else {
        int cluster = 0;
        for (const auto& [tier, services] : clusters(topology)) {
            std::string indent = "  ";
            if (tier) {
                const std::string name = fmt::format("cluster_{}", cluster++);
                out += fmt::format("  subgraph {} {{\n    label={};\n", name, dot_string(tier_title(*tier) + mesh_text(meshes(tier->name))));
                if (has_forbidden(meshes(tier->name))) out += "    color=red;\n    fontcolor=red;\n";
                if (!services.empty()) anchors[tier->name] = {name, services.front()->name};
                indent = "    ";
            }
            for (const TopologyService* service : services) {
                out += indent + dot_string(service->name) +
                       (service->undeclared ? " [label=" + dot_string(node_label(*service)) + ", style=dashed]" : "") + ";\n";
            }
            if (tier) out += "  }\n";
        }
    }
    for (const Edge& edge : graph.edges) {
        std::string style;
        std::string from = edge.from.name, to = edge.to.name;
        if (edge.from.cluster) {
            style += ", ltail=" + anchors[from].first;
            from = anchors[from].second;
        }
        if (edge.to.cluster) {
            style += ", lhead=" + anchors[to].first;
            to = anchors[to].second;
        }
        if (edge.verdict == PathVerdict::forbidden) style += ", color=red, fontcolor=red";
        if (edge.verdict == PathVerdict::broken) style += ", style=dashed";
        out += fmt::format("  {} -> {} [label={}{}];\n", dot_string(from), dot_string(to), dot_string(edge.label()), style);
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
