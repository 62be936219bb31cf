#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/source_location.h"

namespace meshprobe {

enum class Egress { allow, deny };

struct Tier {
    std::string name;      // key under `tiers:`
    std::string network;   // compose network key
    bool internal = false;
    Egress egress = Egress::allow;
    SourceLocation where;
};

// One entry of a service's `publish:` list: "[host_ip:]port[/proto]".
struct PublishRule {
    std::string host_ip;  // empty: any address may be bound
    int port = 0;
    std::string protocol = "tcp";
    SourceLocation where;
};

struct ServiceSpec {
    std::string name;
    std::string tier;                  // empty when neither contract nor metadata gives one
    std::vector<int> ports;            // empty: take compose expose/container ports
    bool listens = true;               // false: `ports: none`, it serves no port (a worker, a job)
    std::vector<PublishRule> publish;
    std::vector<std::string> aliases;
    std::string role;                  // from metadata, informational
    SourceLocation where;              // the contract entry, or the metadata file
    // From the service's metadata file (docs/contract.md, metadata files); informational, for `docs`.
    std::vector<std::string> internal_endpoints;
    std::string security_profile;
    std::vector<std::string> tags;     // codex_agent_tags
    SourceLocation metadata_where;     // the metadata file's service_name line; empty without one
};

// One name on a side of a flow, resolved when the contract is read (docs/contract.md), so no
// later reader has to guess whether a name that is both a tier and a service means one or
// the other.
struct FlowSide {
    enum class Kind { tier, service };
    Kind kind = Kind::service;
    std::string name;
    bool prefixed = false;  // written `tier:NAME` or `service:NAME`; only printing cares

    static FlowSide tier(std::string name, bool prefixed = false);
    static FlowSide service(std::string name, bool prefixed = false);
    // Whether the side takes in `service` of `tier`; an empty service is a probe of the tier.
    bool takes_in(const std::string& service, const std::string& tier) const;
    // As the user wrote it: with the prefix only when they gave one.
    std::string str() const;
    // Same meaning; how it was written does not count.
    bool operator==(const FlowSide& other) const { return kind == other.kind && name == other.name; }
};

// An allowed path; a metadata dependency becomes one too.
struct Flow {
    std::vector<FlowSide> from;
    std::vector<FlowSide> to;
    std::vector<int> ports;  // empty: every declared port of the target
    SourceLocation where;
};

struct Policy {
    bool same_tier_allow = true;
    bool reverse_allow = true;
};

// An address outside Docker's networks, "host:port" (port defaults to 80).
struct EgressTarget {
    std::string host;
    int port = 80;
    SourceLocation where;
    std::string str() const { return host + ":" + std::to_string(port); }
};

struct ProbeSettings {
    int timeout_ms = 1000;
    std::vector<EgressTarget> egress_targets;
};

struct Environment {
    std::string name;
    std::vector<std::string> files;     // absolute paths
    std::vector<std::string> profiles;
    SourceLocation where;
};

struct Suppression {
    std::string rule;
    std::string service;  // empty: every service
    std::string reason;
    SourceLocation where;
};

struct Contract {
    std::string path;                       // the mesh.yaml as given
    std::string dir;                        // its folder (absolute); relative paths are read from here
    std::string project;                    // compose project name
    std::vector<std::string> compose_files; // absolute paths, merged in order
    std::string env_file;                   // absolute path or empty
    bool project_written = false;           // `project:` is in the file (else the folder's name)
    bool compose_files_written = false;     // `compose.files` is in the file (else compose's default names)
    SourceLocation compose_where;           // the compose section, or where it would be: for "no compose file"
    // What compose's own flags and variables settle (project/compose_view.h), for every
    // environment: the env files read in order, the profiles active, the project folder (empty:
    // the first file's). Filled by load_compose_contract; the loader leaves env_files as env_file.
    std::vector<std::string> env_files;
    std::vector<std::string> profiles;
    std::string project_directory;
    std::vector<Environment> environments;
    std::string metadata_dir;               // absolute path or empty
    std::vector<Tier> tiers;
    std::vector<ServiceSpec> services;
    std::vector<Flow> flows;
    Policy policy;
    ProbeSettings probe;
    std::vector<Suppression> suppressions;

    // `services` by name, for find_service: a contract can name 100,000 services, each looked up
    // by every flow side and metadata file that names it. The loader indexes the services it has
    // read (index_services() indexes those added since); find_service scans while some are not
    // indexed. Positions, so a copy of the contract keeps a valid index.
    std::unordered_map<std::string, std::size_t> service_index;
    std::size_t indexed_services = 0;

    const Tier* find_tier(const std::string& name) const;
    const Tier* tier_of_network(const std::string& network) const;
    const ServiceSpec* find_service(const std::string& name) const;
    void index_services();
    const Environment* find_environment(const std::string& name) const;
};

}  // namespace meshprobe
