#pragma once
#include <nlohmann/json.hpp>
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

// Tiers as clusters, services as nodes, allowed paths solid, forbidden ones red, broken flows
// dashed; reverse paths are left out (each is the other side of an allowed edge). A large model
// (is_large) is drawn from its classes: tiers as nodes, one edge per tier pair and verdict.
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
