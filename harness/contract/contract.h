#pragma once
#include <map>
#include <optional>
#include <string>
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
    std::vector<PublishRule> publish;
    std::vector<std::string> aliases;
    std::string role;                  // from metadata, informational
    SourceLocation where;              // the contract entry, or the metadata file
    // From the service's metadata file (SPEC section 3); informational, for `docs`.
    std::vector<std::string> internal_endpoints;
    std::string security_profile;
    std::vector<std::string> tags;     // codex_agent_tags
    SourceLocation metadata_where;     // the metadata file's service_name line; empty without one
};

// A side of a flow names a tier or a service.
struct Flow {
    std::vector<std::string> from;
    std::vector<std::string> to;
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
    std::vector<Environment> environments;
    std::string metadata_dir;               // absolute path or empty
    std::vector<Tier> tiers;
    std::vector<ServiceSpec> services;
    std::vector<Flow> flows;
    Policy policy;
    ProbeSettings probe;
    std::vector<Suppression> suppressions;

    const Tier* find_tier(const std::string& name) const;
    const Tier* tier_of_network(const std::string& network) const;
    const ServiceSpec* find_service(const std::string& name) const;
    const Environment* find_environment(const std::string& name) const;
};

}  // namespace meshprobe
