#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "rules/finding.h"

namespace meshprobe {

// The metadata of one static rule: what reports show next to its findings.
struct RuleInfo {
    std::string id;         // "MESH006"
    std::string name;       // "unlisted-published-port", for SARIF's rule name
    Severity severity;      // the default; a rule may lower it for a finding (reverse paths)
    std::string help;       // one line
    std::string help_uri;   // docs/rules.md at this rule's section
};

// Every rule, MESH000 first, in id order.
const std::vector<RuleInfo>& all_rules();

// nullptr for an id no rule has.
const RuleInfo* find_rule(std::string_view id);

}  // namespace meshprobe
