#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/stack_model.h"
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
    std::string container_name;  // compose's `container_name`: a DNS name on every attached network
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

// Services the contract and the networks cannot tell apart: one tier, the same flow sides, the
// same ports named by flows, the same networks. A path from or to one of them has the verdict it
// has for any other, so paths are kept per pair of groups (PathClass): a stack of thousands of
// services in a few groups has a few classes where it has millions of per-pair paths.
struct ServiceGroup {
    std::string name;  // "<tier>/<n>", "untiered/<n>"
    std::string tier;
    std::vector<std::string> networks;  // the stack networks of its members, sorted; none outside them
    std::vector<std::string> services;  // in the compose model's order
};

// The ports of a class's targets that it stands for.
struct ClassPorts {
    enum class Kind {
        port,    // that port of each target
        own,     // each target's own ports that no flow names (they all have one verdict)
        any,     // every port: no port of the targets is known
    };
    Kind kind = Kind::any;
    int port = 0;  // Kind::port

    auto operator<=>(const ClassPorts&) const = default;
};

// Every path from a member of one group to a member of another (or another member of the same
// group) on the ports it names: one verdict and one reason for all of them.
struct PathClass {
    std::size_t from = 0;  // into Topology::groups
    std::size_t to = 0;
    ClassPorts ports;
    std::vector<std::string> networks;  // the networks that carry it; none for a broken flow
    PathVerdict verdict = PathVerdict::forbidden;
    Grant::Kind grant = Grant::Kind::none;
    SourceLocation flow;     // the flow that allows it, for Grant::Kind::flow
    std::size_t pairs = 0;   // the per-pair paths it stands for
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
    std::vector<TopologyPath> paths;    // per pair; empty when built with PathForm::classes
    std::vector<ServiceGroup> groups;
    std::vector<PathClass> classes;

    const TopologyNetwork* find_network(const std::string& key) const;
    const TopologyService* find_service(const std::string& name) const;
};

// Whether the paths are expanded into pairs (PathForm::pairs) or kept as classes: the classes
// cost the number of groups squared, the pairs the number of services squared.
enum class PathForm { pairs, classes };

// Builds the model of one environment. Paths: every ordered pair of services with their own
// network namespace that share a network, per port of the target, and every allowed flow
// that no network carries; as classes always, and as pairs for PathForm::pairs. Cancelled after
// Ctrl-C while it expands pairs.
Topology build_topology(const Contract& contract, const StackModel& model, const std::string& environment,
                        PathForm form = PathForm::pairs);
// The same with the contract's answers already at hand (`check` has them for its other rules).
Topology build_topology(const Contract& contract, const StackModel& model, const std::string& environment,
                        const Reachability& policy, PathForm form);

// The per-pair paths of a model built from this contract and compose model, expanded from its
// classes (what PathForm::pairs holds, in the same order). Cancelled after Ctrl-C.
void expand_paths(Topology& topology, const Contract& contract, const StackModel& model);

// Past this size the per-pair form is more than a reader can use (docs/commands.md, topology):
// `topology` prints classes and draws tiers, `docs` describes groups.
inline constexpr std::size_t kLargeServices = 200;
inline constexpr std::size_t kLargePairs = 10000;
// The most per-pair paths `topology --paths pairs` prints: a million is about 400 MB of JSON
// and 2 GB while it is built; past that only the classes can be shown.
inline constexpr std::size_t kMostPairs = 1000000;
std::size_t pair_count(const Topology& topology);  // from the classes
bool is_large(const Topology& topology);

// The model with only the paths from one service to another, on `port` or on every port of
// the target, judged as build_topology judges them, plus `blocked` for what no network carries
// and no flow asks for. InputError when either service is not in the model.
Topology paths_between(const Contract& contract, const StackModel& model, const std::string& environment,
                       const std::string& from, const std::string& to, std::optional<int> port);

// Whether a path is as the contract wants it: allowed and carried, forbidden and not carried,
// or a reverse path under `reverse: allow`.
bool agrees(const TopologyPath& path);

}  // namespace meshprobe
