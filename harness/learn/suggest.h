#pragma once
#include <string>
#include <vector>

#include "learn/learn_report.h"

namespace meshprobe {

// `learn --suggest` (docs/learn.md): the contract edits that would declare what was seen, as a
// unified diff of the contract file, and what the contract allows that was never seen.

// Where the edits go in the contract file, and the contract's answers the diff needs.
struct SuggestTarget {
    std::string shown_name;    // the contract as the diff names it ("mesh.yaml")
    std::string text;          // the contract file's text
    int first_flow_line = 0;   // the line of the first entry of `flows:` in this file; 0: none
    // The tier line of each service's tier whose egress is deny, for flows to the host or outside.
    struct DeniedEgress {
        std::string service;
        std::string tier;
        int line = 0;  // 0: the tier is not in this file
    };
    std::vector<DeniedEgress> denied_egress;
};

// One thing the contract allows that was never used while learn recorded.
struct Unused {
    std::string what;   // "web -> api:9000", "egress of tier app"
    std::string where;  // the contract line that allows it
};

// The diff (empty when every flow seen is declared), then a comment per unused allowance.
std::string render_suggestions(const LearnReport& report, const SuggestTarget& target,
                               const std::vector<Unused>& unused);

}  // namespace meshprobe
