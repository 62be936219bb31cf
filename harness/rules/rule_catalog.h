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
    std::string doc;        // "docs/rules.md#mesh006": its section, in meshprobe's repository
};

// docs/rules.md as published, named when meshprobe was built (MESHPROBE_RULES_DOC_URL); empty
// when the build names none, and then reports link no rule: no host is invented.
const std::string& built_rules_url();

// The rule's section in `rules_url` (docs/rules.md as published, absolute), empty when
// rules_url is.
std::string rule_help_uri(const RuleInfo& rule, const std::string& rules_url);

// Every rule, MESH000 first, in id order.
const std::vector<RuleInfo>& all_rules();

// nullptr for an id no rule has.
const RuleInfo* find_rule(std::string_view id);

}  // namespace meshprobe
