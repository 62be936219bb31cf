#pragma once
#include <optional>
#include <string>
#include <vector>

#include "compose/compose_model.h"
#include "contract/contract.h"
#include "core/source_location.h"
#include "policy/reachability.h"

namespace meshprobe {

// One model of the stack (docs/commands.md, topology): the merged compose files read with the contract.
// `check` judges it, `topology` prints it; every path between two services carries its verdict
// and the reason, down to the YAML line.

struct TopologyTier {
    std::string name;
    std::string network;
    bool internal = false;
    Egress egress = Egress::allow;
    SourceLocation where;
};

struct TopologyNetwork {
    std::string key;
    std::string name;  // the engine's name
    bool internal = false;
    bool external = false;
    bool ipv6 = false;
    std::string tier;  // the tier whose network it is, or empty
    SourceLocation where;
};

struct TopologyAttachment {
    std::string network;
    std::vector<std::string> aliases;
    std::string ipv4_address;  // static address from compose, or the live one (of the first replica)
    std::string ipv6_address;
    bool declared = true;  // false: attached now, but no compose file says so (live only)
    SourceLocation where;
};

// A container of a service as the engine reports it (live only).
struct TopologyContainer {
    std::string name;
    int number = 1;
    std::string state;   // "running", "exited", "restarting", ...
    std::string health;  // "", "starting", "healthy", "unhealthy"
};

struct TopologyService {
    std::string name;
    std::string tier;
    std::string network_mode;  // compose's, "" for the default
    std::vector<TopologyAttachment> attachments;
    std::vector<int> ports;  // what it serves, as the contract counts them
    std::vector<PortMapping> published;
    std::vector<TopologyContainer> containers;  // live only
    // Live only: a container on the stack's networks that no compose file of the project
    // declares (named by its container name); its attachments carry paths like any other.
    bool undeclared = false;
    SourceLocation where;
};

// `blocked` (nothing carries it and no flow wants it) is only ever an answer of paths_between:
// the model lists the paths that exist or that a flow asks for.
enum class PathVerdict { allowed, forbidden, reverse, broken, blocked };
const char* to_string(PathVerdict verdict);

struct TopologyPath {
    std::string from;
    std::string to;
    std::optional<int> port;            // nullopt: every port (none is known for the target)
    std::vector<std::string> networks;  // the networks that carry it; none for a broken flow
    PathVerdict verdict = PathVerdict::forbidden;
    Grant::Kind grant = Grant::Kind::none;  // why it is allowed (allowed, broken)
    SourceLocation flow;                // the flow that allows it, for Grant::Kind::flow
    std::string reverse_of;             // the allowed flow it is the reverse of (reverse)
};

// A value: it holds no reference into the contract or the compose model it was built from.
struct Topology {
    std::string source = "static";
    std::string project;
    std::string environment;
    std::string contract_dir;  // locations are shown relative to it
    std::vector<TopologyTier> tiers;
    std::vector<TopologyNetwork> networks;
    std::vector<TopologyService> services;
    std::vector<TopologyPath> paths;

    const TopologyNetwork* find_network(const std::string& key) const;
    const TopologyService* find_service(const std::string& name) const;
};

// Builds the model of one environment. Paths: every ordered pair of services with their own
// network namespace that share a network, per port of the target, and every allowed flow
// that no network carries.
Topology build_topology(const Contract& contract, const ComposeModel& model, const std::string& environment);

// The model with only the paths from one service to another, on `port` or on every port of
// the target, judged as build_topology judges them, plus `blocked` for what no network carries
// and no flow asks for. InputError when either service is not in the model.
Topology paths_between(const Contract& contract, const ComposeModel& model, const std::string& environment,
                       const std::string& from, const std::string& to, std::optional<int> port);

// Whether a path is as the contract wants it: allowed and carried, forbidden and not carried,
// or a reverse path under `reverse: allow`.
bool agrees(const TopologyPath& path);

}  // namespace meshprobe
