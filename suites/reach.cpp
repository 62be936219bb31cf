// reach: from each service's own network namespace, by name, every declared port of every
// other service: allowed flows connect, forbidden ones do not.
#include "suites/suites.h"
#include "suites/vantages.h"

namespace meshprobe {
namespace {

// Where a reachable path must answer: every address of `to` on a network `from` shares (all
// of them when none is shared, so the check fails rather than vanish). Where it must not:
// every address `to` has.
std::vector<std::string> addresses_to_try(const LiveService& from, const LiveService& to, Want want) {
    if (want != Want::reachable) return to.ips();
    std::vector<std::string> shared;
    for (const LiveAddress& address : to.addresses) {
        if (!from.on(address.network)) continue;
        for (const std::string& ip : address.all()) shared.push_back(ip);
    }
    return shared.empty() ? to.ips() : shared;
}

}  // namespace

void plan_path(const SuiteContext& context, Plan& plan, const LiveService& from, const LiveService& to, int port) {
    Party party = context.policy.party_of(from.name);
    PathExpectation expectation = expect_path(context.policy, party, to.name, port);
    PlannedCheck planned = path_check(Suite::reach, endpoint_of(from), to, port, expectation);
    planned.check.predicted = predicted(context.prediction.reaches(from.name, to.name));
    std::size_t vantage = service_vantage(plan, from);
    auto by_address = [&](const std::string& ip) {
        std::string proof = port_key("ip", ip, port);
        planned.tasks.push_back(plan.task(vantage, Task{{}, Task::Kind::tcp, ip, port, to.name, {proof}}));
        planned.controls.push_back(proof);
    };
    if (to.replicas > 1) {
        // The name answers with any replica; each replica is proven at its own addresses.
        for (const std::string& ip : addresses_to_try(from, to, expectation.want)) by_address(ip);
    } else {
        std::string proof = port_key("svc", to.name, port);
        planned.tasks.push_back(plan.task(vantage, Task{{}, Task::Kind::tcp, to.name, port, to.name, {proof}}));
        planned.controls.push_back(proof);
        // The name resolves to IPv4 only; the IPv6 addresses are proven one by one.
        for (const std::string& ip : addresses_to_try(from, to, expectation.want)) {
            if (is_ipv6(ip)) by_address(ip);
        }
    }
    plan.checks.push_back(std::move(planned));
}

void plan_reach(const SuiteContext& context, Plan& plan) {
    for (const LiveService& from : context.stack.services) {
        if (!from.own_namespace()) continue;
        for (const LiveService& to : context.stack.services) {
            if (to.name == from.name || !to.own_namespace()) continue;
            for (int port : context.policy.ports(to.name)) plan_path(context, plan, from, to, port);
        }
    }
}

void plan_self_control(const SuiteContext& context, Plan& plan, const LiveService& service, const std::vector<int>& ports) {
    if (!service.own_namespace()) return;
    std::size_t vantage = service_vantage(plan, service);
    // Its own names resolve where it stands: the control for "NXDOMAIN elsewhere", also for
    // a service that no flow lets anyone else reach.
    if (!service.ips().empty()) {
        for (const std::string& name : names_of(context.contract, service.name)) {
            plan.task(vantage, Task{{}, Task::Kind::dns, name, 0, service.name, {"name:" + name}});
        }
    }
    for (int port : ports) {
        for (const std::string& ip : service.ips()) {
            plan.task(vantage, Task{{}, Task::Kind::tcp, ip, port, service.name,
                                    {port_key("ip", ip, port), port_key("svc", service.name, port)}});
        }
    }
}

void plan_self_controls(const SuiteContext& context, Plan& plan) {
    for (const LiveService& service : context.stack.services) {
        plan_self_control(context, plan, service, context.policy.ports(service.name));
    }
}

}  // namespace meshprobe
