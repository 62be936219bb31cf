#pragma once
// Readers for the parts of mesh.yaml, shared by the loader's files; not a public API.
#include <string>

#include "contract/contract.h"
#include "contract/yaml_reader.h"

namespace meshprobe {

// compose.files (or compose's default file names), env_file and environments.
void read_compose_section(const Mapping& top, Contract& contract);
// A path written in the contract, made absolute against the contract's folder.
std::string resolve_path(const Contract& contract, const std::string& written);

void read_tiers(const Value& tiers, Contract& contract);
void read_services(const Value& services, Contract& contract);
void read_flows(const Value& flows, Contract& contract);
// An alias must not be another service's name: DNS could not tell the two apart. (A service
// may share a tier's name; flow sides say which they mean, see flow_sides.h.)
void check_aliases_are_unambiguous(const Contract& contract);
// A service's tier must be one of the contract's tiers.
void check_tier_name(const Contract& contract, const Value& written);

void read_policy(const Value& policy, Contract& contract);
void read_probe(const Value& probe, Contract& contract);
void read_suppressions(const Value& suppress, Contract& contract);

}  // namespace meshprobe
