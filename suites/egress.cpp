// egress: a tier with `egress: deny` (its fresh probe and each of its services) reaches neither
// the host, on the sentinel port at every bridge gateway, nor anything outside the host: the
// egress targets, or without any, meshprobe's own outside host ("outside"). Tiers that may
// egress are the positive controls, and so is the host itself. Where no outside host could be
// made, the checks to it are errors: egress that nothing tried is not proven.
#include <algorithm>

#include "suites/suites.h"
#include "suites/vantages.h"

namespace meshprobe {
namespace {

struct Destination {
    Endpoint where;  // stable across runs: "gateway:<network>", "host:port" or "outside"
    std::string host;
    int port = 0;
    std::string owner;  // "sentinel" for gateways: only meshprobe's own listener counts
    std::string network;  // the gateway's network key ("bridge" for docker0); empty for targets
    std::string unproven;  // set: nothing can be tried there, and why
};

std::vector<Destination> destinations(const SuiteContext& context) {
    std::vector<Destination> out;
    auto add_gateway = [&](const std::string& network, const std::string& ip) {
        Endpoint where = Endpoint::gateway(network);
        for (const auto& d : out) {
            if (d.where == where) where.gateway_ip = ip;  // a network with several gateways
        }
        out.push_back({where, ip, context.sentinel_port, "sentinel", network, {}});
    };
    for (const LiveNetwork& network : context.stack.networks) {
        for (const std::string& ip : network.gateways) add_gateway(network.key, ip);
    }
    for (const auto& [label, ip] : context.stack.other_gateways) add_gateway(label, ip);
    for (const EgressTarget& target : context.egress_targets) {
        out.push_back({Endpoint::address(target.host, target.port), target.host, target.port, {}, {}, {}});
    }
    if (const auto& outside = context.outside.target) {
        out.push_back({Endpoint::outside(), outside->host, outside->port, "outside", {}, {}});
    } else if (!context.outside.unproven.empty()) {
        out.push_back({Endpoint::outside(), {}, 0, "outside", {}, context.outside.unproven});
    }
    return out;
}

bool carries_family_of(const LiveNetwork& network, const std::string& host) {
    if (network.gateways.empty()) return !is_ipv6(host);
    return std::any_of(network.gateways.begin(), network.gateways.end(),
                       [&](const std::string& gateway) { return is_ipv6(gateway) == is_ipv6(host); });
}

// What the engine does with traffic from these networks to a destination: an address of the
// host (a gateway) is delivered locally, internal network or not, unless the host's firewall
// closes the bridges; anything else is forwarded only from a network that is not internal.
Reach predicted_egress(const SuiteContext& context, const std::vector<std::string>& networks,
                             const Destination& to) {
    if (to.owner == "sentinel") {
        return predicted(context.prediction.reaches_gateway(networks, to.network, is_ipv6(to.host)));
    }
    return predicted(context.prediction.reaches_outside(networks));
}

std::string proof_of(const Destination& to) { return "egress:" + to_string(to.where); }

void add_check(Plan& plan, std::size_t vantage, const Endpoint& from, const Destination& to, Want want,
               const std::string& expected, Reach prediction) {
    std::string proof = proof_of(to);
    PlannedCheck planned;
    planned.check.suite = Suite::egress;
    planned.check.from = from;
    planned.check.to = to.where;
    planned.check.expected = expected;
    planned.check.predicted = prediction;
    planned.check.want = want;
    planned.owner = to.owner;
    planned.forbidden_by = "its tier denies egress";
    if (!to.unproven.empty()) {
        planned.check.want = Want::verdict;
        planned.decided = Verdict::error;
        planned.check.observed = "not proven: " + to.unproven;
        plan.checks.push_back(std::move(planned));
        return;
    }
    // Only an allowed vantage may prove a destination reachable.
    std::vector<std::string> proves;
    if (want == Want::reachable) proves.push_back(proof);
    planned.tasks.push_back(plan.task(vantage, Task{{}, Task::Kind::tcp, to.host, to.port, to.owner, proves}));
    if (want == Want::blocked) planned.controls.push_back(proof);
    plan.checks.push_back(std::move(planned));
}

}  // namespace

void plan_egress(const SuiteContext& context, Plan& plan) {
    std::vector<Destination> all = destinations(context);
    std::size_t host = host_vantage(plan);
    for (const Destination& to : all) {
        if (to.unproven.empty()) plan.task(host, Task{{}, Task::Kind::tcp, to.host, to.port, to.owner, {proof_of(to)}});
    }
    for (const Tier& tier : context.contract.tiers) {
        const LiveNetwork* network = context.stack.find_network(tier.network);
        if (network == nullptr) continue;
        bool deny = tier.egress == Egress::deny;
        // An internal network that may egress is a contradiction the static check reports.
        if (!deny && network->internal) continue;
        std::size_t vantage = tier_vantage(plan, tier, *network);
        for (const Destination& to : all) {
            // A tier may reach only the address families its network has: from an IPv4-only
            // network an IPv6 gateway is out of reach by construction, allowed or not.
            if (!deny && to.unproven.empty() && !carries_family_of(*network, to.host)) continue;
            add_check(plan, vantage, Endpoint::tier(tier.name), to, deny ? Want::blocked : Want::reachable,
                      deny ? "blocked (egress: deny)" : "reachable (egress: allow)",
                      predicted_egress(context, {tier.network}, to));
        }
        if (!deny) continue;
        for (const LiveService& service : context.stack.services) {
            const ServiceSpec* spec = context.contract.find_service(service.name);
            if (spec == nullptr || spec->tier != tier.name || !service.own_namespace()) continue;
            std::size_t own = service_vantage(plan, service);
            const std::vector<std::string> networks = context.prediction.networks_of(service.name);
            for (const Destination& to : all) {
                add_check(plan, own, endpoint_of(service), to, Want::blocked, "blocked (egress: deny)",
                          predicted_egress(context, networks, to));
            }
        }
    }
}

}  // namespace meshprobe
