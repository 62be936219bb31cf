#pragma once
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

    bool empty() const;
};

TopologyDiff diff_topologies(const Topology& before, const Topology& after);

}  // namespace meshprobe
