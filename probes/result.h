#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "probes/plan.h"

// The probe's output, as PROTOCOL.md fixes it. Shared with the harness, which reads results.
namespace meshprobe::probe {

// dns: resolved | nxdomain | timeout | error
// tcp: connected | refused | timeout | unreachable | unresolved | error
enum class Status { resolved, nxdomain, timeout, error, connected, refused, unreachable, unresolved };

std::string_view to_string(Status status);

struct CheckResult {
    std::string key;
    CheckKind kind = CheckKind::dns;
    Status status = Status::error;
    std::vector<std::string> addresses;  // dns: the A records
    std::string address;                 // tcp: the address connected to, when known
    std::optional<std::string> banner;   // tcp: what the peer sent, when connected
    std::string detail;                  // why: error text, dns outcome of an unresolved host
    double ms = 0;                       // from the start of the run to the outcome
};

// Ordered like PROTOCOL.md's example, so a person reading probe output finds key and status first.
nlohmann::ordered_json to_json(const CheckResult& result);
// The whole stdout document: {"results": [...]}.
std::string results_document(const std::vector<CheckResult>& results);
// A probe's stdout that is not a results document.
class ResultsError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Reads a results document back (for the harness); throws ResultsError when it is not one.
std::vector<CheckResult> parse_results(std::string_view text);

}  // namespace meshprobe::probe
