#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/check.h"
#include "contract/contract.h"
#include "probes/result.h"

namespace meshprobe {

// What one probe does: one line of the probe protocol (probes/PROTOCOL.md).
struct Task {
    std::string key;
    enum class Kind { dns, tcp } kind = Kind::tcp;
    std::string host;  // tcp: name or IPv4 literal; dns: the name
    int port = 0;
    // Who should answer a connect: a service name, "sentinel", or empty for anyone.
    std::string owner;
    // When this task succeeds (answered by `owner`) it proves these targets alive: the
    // positive controls that negative checks elsewhere rely on.
    std::vector<std::string> proves;
};

// Where a probe runs.
struct Vantage {
    enum class Kind { tier, service, host } kind = Kind::service;
    std::string name;     // tier or service name, "host"
    std::string attach;   // tier: engine network name; service: container id; host: empty
    std::vector<Task> tasks;
};

struct TaskRef {
    std::size_t vantage = 0;
    std::string key;
};

struct PlannedCheck {
    Check check;                       // suite, from, to, want, expected filled in
    std::string owner;                 // the service that should answer / own the name
    std::vector<std::string> owner_ips;
    std::vector<TaskRef> tasks;
    std::vector<std::string> controls; // keys that must be proven for a negative verdict
    std::string note;                  // reported when an `either` path is reached
    std::string forbidden_by = "no flow allows it";  // why a path that connects must not
    Verdict decided = Verdict::pass;   // for Want::verdict
};

struct Plan {
    std::vector<Vantage> vantages;
    std::vector<PlannedCheck> checks;
    int timeout_ms = 1000;

    // The vantage with this kind and name, created on first use.
    std::size_t vantage(Vantage::Kind kind, const std::string& name, const std::string& attach);
    // Adds a task to a vantage (deduplicated by what it does) and returns a reference to it.
    TaskRef task(std::size_t vantage, Task task);
    std::size_t task_count() const;
};

// What the probes answered, in the probe's own type (probes/result.h): vantage -> key -> result.
using Results = std::map<std::size_t, std::map<std::string, probe::CheckResult>>;

// The egress suite's own outside host, made when the run is given no egress target: where it
// listens, or why there is none (then its checks are errors, "not proven: <why>"). Both empty:
// the run has egress targets and needs none.
struct EgressOutside {
    std::optional<EgressTarget> target;
    std::string unproven;
};

}  // namespace meshprobe
