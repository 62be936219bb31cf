#pragma once
#include <string>
#include <vector>

#include "rules/rule_input.h"

namespace meshprobe {

// The rules of one environment (docs/rules.md); each appends its findings.
void check_coverage(const RuleInput& input, Findings& out);          // MESH001
void check_attachments(const RuleInput& input, Findings& out);       // MESH002, MESH010, MESH015
void check_over_permission(const RuleInput& input, Findings& out);   // MESH003, the paths services open
// MESH003, the paths a tier opens to its future members; a rule of its own so that it runs
// beside the paths of services (check_run.cpp), reported after them.
void check_tier_over_permission(const RuleInput& input, Findings& out);
void check_flows(const RuleInput& input, Findings& out);             // MESH004
void check_network_flags(const RuleInput& input, Findings& out);     // MESH005
void check_published_ports(const RuleInput& input, Findings& out);   // MESH006
void check_name_claims(const RuleInput& input, Findings& out);       // MESH007
void check_aliases(const RuleInput& input, Findings& out);           // MESH008
void check_network_mode(const RuleInput& input, Findings& out);      // MESH009
void check_contract_names(const RuleInput& input, Findings& out);    // MESH011
void check_docker_socket(const RuleInput& input, Findings& out);     // MESH013
void check_links(const RuleInput& input, Findings& out);             // MESH014
void check_egress_deny(const RuleInput& input, Findings& out);       // MESH016
void check_flow_ports(const RuleInput& input, Findings& out);        // MESH017
void check_unset_variables(const RuleInput& input, Findings& out);   // MESH018

}  // namespace meshprobe
