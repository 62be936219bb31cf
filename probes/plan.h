#pragma once
#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

// The probe's input, as PROTOCOL.md fixes it. Shared with the harness, which writes plans.
namespace meshprobe::probe {

enum class CheckKind { dns, tcp };

std::string_view to_string(CheckKind kind);

struct Check {
    std::string key;
    CheckKind kind = CheckKind::dns;
    std::string name;   // dns: the name to resolve, exactly as written
    std::string host;   // tcp: an IPv4 literal or a name
    int port = 0;       // tcp
};

struct Plan {
    std::chrono::milliseconds timeout{1000};
    std::chrono::milliseconds banner{250};
    std::vector<Check> checks;
};

// A plan the probe cannot run; the message is one line.
class PlanError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

Plan parse_plan(std::string_view text);
nlohmann::json to_json(const Plan& plan);

}  // namespace meshprobe::probe
