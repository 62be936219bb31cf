#pragma once
#include <string>
#include <vector>

#include "contract/contract.h"
#include "core/source_location.h"
#include "topology/topology.h"

namespace meshprobe {

// Names that Docker's DNS answers with more than one service's address on one network: the one
// judgement MESH007 makes on the declared model and `watch` makes on the running one. A service
// on its own networks answers to its name, its `container_name` and its aliases there.

struct NameCollision {
    enum class Claim { name, container_name, alias };
    std::string network;
    std::string name;
    std::string owner;     // whose name it is: the service of that name, else the one the contract
                           // gives it as an alias, else the first that claims it
    std::string claimant;  // a service that answers to it too
    Claim claim = Claim::alias;
    SourceLocation where;  // the claimant's attachment for an alias, else the claimant's service
};

// Every collision of the model: network by network in the model's order, names in order, the
// claimants of one name in the model's order.
std::vector<NameCollision> name_collisions(const Topology& topology, const Contract& contract);

}  // namespace meshprobe
