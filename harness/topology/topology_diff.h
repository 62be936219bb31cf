#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "topology/topology.h"

namespace meshprobe {

// What changed between two versions of a stack's topology model (`meshprobe diff`): paths
// (by from, to and port), published ports, attachments and tiers. Networks are compared by
// their compose key, so a change of project name alone changes nothing.

struct PathChange {
    TopologyPath before;
    TopologyPath after;
};

struct PublishedPort {
    std::string service;
    PortMapping port;
};

struct AttachmentEntry {
    std::string service;
    TopologyAttachment attachment;
};

struct NetworkChange {
    TopologyNetwork before;
    TopologyNetwork after;
};

struct TierChange {
    TopologyTier before;
    TopologyTier after;
};

// Paths that changed alike: from every service of `from` to every other service of `to`, on
// the ports `ports` stands for. A large diff (diff_topology_classes) is reported this way
// instead of pair by pair.
struct PathClassChange {
    std::vector<std::string> from, to;       // services, in the model's order
    ClassPorts ports;
    std::optional<PathClass> before, after;  // in the `before` and `after` models; none: added, removed
    std::size_t paths = 0;                   // the per-pair paths it stands for
};

struct TopologyDiff {
    std::vector<TopologyPath> paths_added, paths_removed;
    std::vector<PathChange> paths_changed;  // same from, to and port; another verdict or networks
    std::vector<PublishedPort> published_added, published_removed;
    // An attachment whose aliases changed is removed and added again, with its new aliases.
    std::vector<AttachmentEntry> attachments_added, attachments_removed;
    std::vector<TopologyNetwork> networks_added, networks_removed;
    std::vector<NetworkChange> networks_changed;  // internal, external or IPv6 differ
    std::vector<TopologyTier> tiers_added, tiers_removed;
    std::vector<TierChange> tiers_changed;
    // Paths too many to name one by one (diff_topology_classes): these instead of the per-pair lists.
    std::vector<PathClassChange> path_classes;

    bool empty() const;
    // Per-pair paths added, removed or changed, named or in path_classes.
    std::size_t added_paths() const;
    std::size_t removed_paths() const;
    std::size_t changed_paths() const;
};

// From the models' per-pair paths (built with PathForm::pairs).
TopologyDiff diff_topologies(const Topology& before, const Topology& after);

// The same changes from the models' path classes (any PathForm), costing the groups squared and
// the services, never the pairs: the changed paths are named pair by pair when there are at most
// `named` of them, else reported by class in `path_classes`.
inline constexpr std::size_t kNamedPathChanges = 1000;
TopologyDiff diff_topology_classes(const Topology& before, const Topology& after, std::size_t named = kNamedPathChanges);

// Everything but the paths: published ports, attachments, networks and tiers.
void diff_stacks(const Topology& before, const Topology& after, TopologyDiff& diff);

}  // namespace meshprobe
