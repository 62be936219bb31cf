#pragma once
#include <string>
#include <vector>

#include "core/source_location.h"

namespace meshprobe {

// error fails `check`; warning and note are reported and never fail it (docs/rules.md).
enum class Severity { error, warning, note };

const char* to_string(Severity severity);

// One result of a static rule (docs/rules.md), pointing at the compose or contract element
// that causes it.
struct Finding {
    std::string rule;                       // "MESH006"
    Severity severity = Severity::error;
    std::string message;
    std::string fix;                        // what to change, one sentence
    std::string service;                    // the service it is about; empty for a network or tier
    SourceLocation where;                   // the element to change
    SourceLocation contract_where;          // the contract entry involved, when there is one
    std::vector<std::string> environments;  // where it was found
    std::string suppressed_because;         // the suppression's reason; empty when not suppressed

    bool suppressed() const { return !suppressed_because.empty(); }
    // Counts towards the exit code: an error nobody suppressed.
    bool fails() const { return severity == Severity::error && !suppressed(); }
};

}  // namespace meshprobe
