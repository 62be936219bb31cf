#pragma once
#include <cstddef>
#include <set>
#include <vector>

#include "core/stack_model.h"
#include "contract/contract.h"
#include "policy/reachability.h"
#include "topology/service_reach.h"
#include "topology/topology.h"

namespace meshprobe {

// The services of a compose model in groups (topology.h, ServiceGroup), the path classes
// between the groups, and their expansion into per-pair paths. Grouping and classes cost the
// number of services plus the number of groups squared; only expand() costs pairs.
class PathClasses {
public:
    PathClasses(const Contract& contract, const StackModel& model, const Reachability& policy);

    const std::vector<ServiceGroup>& groups() const { return groups_; }
    std::vector<PathClass> classify() const;
    // The per-pair paths of `classes` (classify()'s, of the same contract and model) in
    // build_topology's order: the carried paths by source, target and port, then the broken flows.
    // Cancelled after Ctrl-C: a million pairs take seconds.
    std::vector<TopologyPath> expand(const std::vector<PathClass>& classes) const;

private:
    ClassPorts selector(const std::optional<int>& port) const;
    // Each selector of a group's targets with a port of `target` it stands for.
    std::vector<std::pair<ClassPorts, std::optional<int>>> selectors_of(const StackService& target) const;
    // The per-pair paths a class of these ports stands for.
    std::size_t pairs(std::size_t from, std::size_t to, const ClassPorts& ports) const;
    bool carried(std::size_t from, std::size_t to) const;
    // Both of one tier under `same_tier: allow`: the contract wants every path between them.
    bool same_tier(std::size_t from, std::size_t to) const;
    std::vector<std::string> shared(std::size_t from, std::size_t to) const;
    void add_carried(std::vector<PathClass>& out) const;
    void add_broken(std::vector<PathClass>& out) const;

    const Contract& contract_;
    const StackModel& model_;
    const Reachability& policy_;
    std::set<int> flow_ports_;  // every port some flow names
    std::vector<ServiceGroup> groups_;
    std::vector<std::vector<const StackService*>> members_;
    std::vector<PolicyRole> roles_;
    std::vector<ServiceReach> group_reaches_;  // networks sorted
    std::vector<ServiceReach> reaches_;        // per service of the model
    std::vector<std::size_t> group_of_;  // per service of the model
};

}  // namespace meshprobe
