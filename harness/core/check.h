#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace meshprobe {

enum class Suite { stack, dns, reach, isolation, egress, ports };
enum class Verdict { pass, fail, error };

const char* to_string(Suite suite);
const char* to_string(Verdict verdict);
bool parse_suite(const std::string& text, Suite& out);
const std::vector<Suite>& all_suites();

// One runtime check of docs/runtime.md: a stable id, what was expected, what was seen.
struct Check {
    std::string id;          // "<suite>:<from>-><to>"
    Suite suite = Suite::reach;
    std::string from;        // vantage: a service, a tier, or "host"
    std::string to;          // target: "svc:port", a DNS name, an address
    std::string expected;    // e.g. "blocked", "reachable", "resolves to backend", "NXDOMAIN"
    std::string observed;    // e.g. "connected to backend in 2.1 ms", "timeout after 1000 ms"
    Verdict verdict = Verdict::error;
    std::string note;        // e.g. "reverse path of backend -> auth-service:8002"
    nlohmann::json evidence = nlohmann::json::object();  // addresses, timings, DNS answers, control
    double seconds = 0;
    // What the static model says the engine will do ("reachable" or "blocked"), not what the
    // contract wants; and what the probes saw, in the same words ("" when they could not say).
    std::string predicted;
    std::string seen;

    // The model and the engine differ on this path.
    bool disagrees() const { return !predicted.empty() && !seen.empty() && predicted != seen; }
};

// A container that answered for a service in a run: the one the probes met, so that a
// container swapped in after the probe phase is told apart (another id, image or start time).
struct ServiceContainer {
    std::string service;     // "db", "db#2" for a replica; an undeclared container's own name
    std::string container;   // the engine's id, short (12 hex digits)
    std::string name;        // the container's name
    std::string image;       // as created from: "postgres:16"
    std::string image_id;    // "sha256:..."
    std::string started_at;  // the engine's State.StartedAt (RFC 3339)
    bool declared = true;    // false: no compose file of the project declares it
};

// The outcome of a whole `run`, which every report writer reads.
struct RunReport {
    std::string version;
    std::string contract;
    std::string environment;
    std::vector<Check> checks;
    std::vector<ServiceContainer> services{};  // who answered for each service, in the contract's order
    double seconds = 0;
    std::string infra_error;    // set when the run stopped with exit 3
    std::string compose_log;    // compose output on failure
    std::vector<std::string> warnings;  // what may explain failures without being one (kernel limits)

    int count(Verdict verdict) const;
};

}  // namespace meshprobe
