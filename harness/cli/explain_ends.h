#pragma once
#include <optional>
#include <string>
#include <vector>

#include "contract/contract.h"
#include "topology/topology.h"

namespace meshprobe {

// What one end of `explain FROM TO` names: services (one, or every service of a tier), the
// host (`host`: what it reaches is what is published), or an address outside the stack
// (egress).
struct ExplainEnd {
    enum class Kind { services, host, outside } kind = Kind::services;
    std::vector<std::string> services;
    std::string address;  // outside
};

// `written` read against the stack: `host`; an IP address; `tier:NAME`, or a tier's bare
// name that no service has, for every service of the tier; `service:NAME` or a name, for one
// service (paths_between refuses a service compose lacks). InputError for a tier without
// services or an unknown `tier:`.
ExplainEnd read_explain_end(const std::string& written, const Contract& contract, const Topology& stack);

// One answer about the host or the outside: what carries it (or does not), what the contract
// says, and whether the two agree.
struct EndAnswer {
    std::string from, to;
    std::optional<int> port;
    std::string verdict;  // allowed, forbidden, broken (wanted, not carried) or blocked
    bool agrees = true;
    std::string reason;
};

// `explain host SERVICE[:PORT]`: each port SERVICE publishes, judged by the contract's publish
// entries, or, when it publishes none (on that port), that the host reaches it on none.
std::vector<EndAnswer> host_answers(const Contract& contract, const Topology& stack, const std::string& service,
                                    std::optional<int> port);

// `explain SERVICE ADDRESS[:PORT]`: whether SERVICE's networks carry traffic out of the host's
// bridges (a network that is not internal does) and whether its tier's egress allows it.
std::vector<EndAnswer> outside_answers(const Contract& contract, const Topology& stack, const std::string& service,
                                       const std::string& address, std::optional<int> port);

}  // namespace meshprobe
