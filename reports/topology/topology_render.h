#pragma once
#include <nlohmann/json.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "topology/topology.h"
#include "topology/topology_diff.h"

namespace meshprobe {

// Why a path has its verdict, down to the YAML lines (relative to the contract's folder).
std::string reason_of(const Topology& topology, const TopologyPath& path);

// One path and one published port as the JSON of `topology` shows them (and `diff` too).
nlohmann::json path_json(const Topology& topology, const TopologyPath& path);
nlohmann::json published_json(const Topology& topology, const PortMapping& port);

// The topology JSON, schema "meshprobe.topology/v1" (docs/topology.schema.json): with its
// per-pair `paths`, or (PathForm::classes) its `groups` and `path_classes` instead.
void to_json(nlohmann::json& out, const Topology& topology);
void to_json(nlohmann::json& out, const Topology& topology, PathForm form);

// Why a class of paths has its verdict, and its ports as the JSON shows them ("own", "any", a number).
std::string class_reason(const Topology& topology, const PathClass& path_class);
std::string ports_text(const ClassPorts& ports);

// How much a graph shows. `service`: services as nodes inside their tier's cluster, and the
// paths folded so that each mark stands for a rule of the contract: paths from every member of
// a tier become one edge from its cluster (to every member of a tier: to its cluster), and a
// tier whose members all reach each other says so in its title instead of drawing n^2 edges.
// `tier`: tiers as nodes, one edge per pair of tiers and verdict. Reverse paths are left out
// (each is the other side of an allowed edge); forbidden paths are red, broken flows dashed.
enum class GraphLevel { tier, service };

// The service level is drawn by default up to this many services and edges (docs/commands.md,
// topology): past that a picture of services is a hairball, and the tier level is drawn.
inline constexpr std::size_t kGraphServices = 40;
inline constexpr std::size_t kGraphEdges = 120;
// Mermaid refuses a flowchart with more edges than this (its `maxEdges`, which a diagram
// cannot raise): GitHub would show an error instead of the picture.
inline constexpr std::size_t kMermaidEdges = 500;

// The service level needs the per-pair paths (a model built with PathForm::pairs or expanded
// with expand_paths); the tier level draws from the classes.
std::size_t graph_edge_count(const Topology& topology, GraphLevel level);
// `service` when the model is not large and its service-level graph stays within
// kGraphServices and kGraphEdges, else `tier`.
GraphLevel default_level(const Topology& topology);
std::string to_mermaid(const Topology& topology, GraphLevel level);
std::string to_dot(const Topology& topology, GraphLevel level);
// At the default level.
std::string to_mermaid(const Topology& topology);
std::string to_dot(const Topology& topology);

// `meshprobe diff`: `after` gives the reasons and locations of added and changed paths,
// `before` those of removed ones.
nlohmann::json diff_json(const TopologyDiff& diff, const Topology& before, const Topology& after);
std::string diff_text(const TopologyDiff& diff, const Topology& before, const Topology& after);
// For a pull-request comment: a Mermaid graph of the changed edges, then the lists.
std::string diff_markdown(const TopologyDiff& diff, const Topology& before, const Topology& after);
// Services as a diff names a side of a class change: all of three, else the first two and how many more.
std::string services_text(const std::vector<std::string>& names);
// The changed edges alone: added paths solid (forbidden ones red), removed ones dashed.
std::string diff_mermaid(const TopologyDiff& diff);

}  // namespace meshprobe
