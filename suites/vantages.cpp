#include "suites/vantages.h"

namespace meshprobe {

std::size_t service_vantage(Plan& plan, const LiveService& service) {
    return plan.vantage(Vantage::Kind::service, service.label(), service.container_id);
}

std::size_t tier_vantage(Plan& plan, const Tier& tier, const LiveNetwork& network) {
    return plan.vantage(Vantage::Kind::tier, tier.name, network.name);
}

std::size_t host_vantage(Plan& plan) { return plan.vantage(Vantage::Kind::host, "host", ""); }

PathExpectation expect_path(const Reachability& policy, const Party& from, const std::string& to, int port) {
    if (policy.may_reach(from, to, port)) return {Want::reachable, {}};
    std::string reverse = policy.reverse_of(from, to);
    if (reverse.empty()) return {Want::blocked, {}};
    std::string note = "reverse path of " + reverse;
    if (policy.reverse_allowed()) return {Want::either, note + " (reverse: allow)"};
    return {Want::blocked, note + " (reverse: deny)"};
}

std::vector<std::string> names_of(const Contract& contract, const std::string& service) {
    std::vector<std::string> names{service};
    if (const ServiceSpec* spec = contract.find_service(service)) {
        names.insert(names.end(), spec->aliases.begin(), spec->aliases.end());
    }
    return names;
}

std::string describe(Want want) {
    switch (want) {
        case Want::reachable: return "reachable";
        case Want::blocked: return "blocked";
        case Want::either: return "reachable or blocked (reverse path)";
        case Want::resolves: return "resolves to the owner only";
        case Want::nxdomain: return "NXDOMAIN";
        case Want::verdict: return "as the contract lists";
    }
    return "?";
}

Endpoint endpoint_of(const LiveService& service, int port) {
    return service.replicas > 1 ? Endpoint::replica_of(service.name, service.replica, port)
                                : Endpoint::service(service.name, port);
}

PlannedCheck path_check(Suite suite, const Endpoint& from, const LiveService& to, int port,
                        const PathExpectation& expectation) {
    PlannedCheck planned;
    planned.check.suite = suite;
    planned.check.from = from;
    planned.check.to = endpoint_of(to, port);
    planned.check.expected = describe(expectation.want);
    planned.check.want = expectation.want;
    planned.note = expectation.note;
    planned.owner = to.name;
    planned.owner_ips = to.ips();
    return planned;
}

std::string port_key(const std::string& prefix, const std::string& what, int port) {
    return prefix + ":" + what + ":" + std::to_string(port);
}

}  // namespace meshprobe
