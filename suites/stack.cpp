// stack: before any path is judged, every service the compose files or the contract define has
// its containers running (and healthy where a healthcheck exists). A service the run cannot see
// is a failed check of its own, so no verdict can pass over it in silence.
#include <algorithm>

#include <fmt/format.h>

#include "core/readiness.h"
#include "suites/suites.h"

namespace meshprobe {
namespace {

struct Found {
    std::vector<const LiveContainer*> containers;
    int ready = 0;
    std::vector<std::string> wrong;  // "name: exited", "name: unhealthy", ...
};

Found find_containers(const LiveStack& stack, const std::string& service) {
    Found found;
    for (const LiveContainer& c : stack.containers) {
        if (c.service != service) continue;
        found.containers.push_back(&c);
        if (container_ready(c.state, c.health)) {
            ++found.ready;
        } else {
            std::string what = c.state == "running" ? c.health : c.state;
            if (c.state == "running" && c.health == "starting") what = "health check still starting";
            found.wrong.push_back(c.name + " is " + what);
        }
    }
    return found;
}

// The service whose namespace a container shares, from the engine's "container:<id>".
std::string namespace_owner(const LiveStack& stack, const NetworkMode& mode) {
    if (mode.kind != NetworkMode::Kind::container) return {};
    const std::string& id = mode.target;
    for (const LiveContainer& c : stack.containers) {
        if (!id.empty() && (c.id == id || c.id.rfind(id, 0) == 0 || c.name == id)) return c.service;
    }
    return id;
}

// Why a running service has no path checks of its own, or what stands in for them.
std::string namespace_note(const SuiteContext& context, const ExpectedService& expected, const Found& found) {
    const NetworkMode mode = NetworkMode::of(expected.network_mode);
    const NetworkMode engine_mode = NetworkMode::of(found.containers.empty() ? "" : found.containers.front()->network_mode);
    if (mode.kind == NetworkMode::Kind::service || engine_mode.kind == NetworkMode::Kind::container) {
        std::string owner = mode.kind == NetworkMode::Kind::service ? mode.target : namespace_owner(context.stack, engine_mode);
        return "shares the network namespace of " + owner + ", so it is proven through " + owner + "'s checks";
    }
    if (mode.kind == NetworkMode::Kind::none || engine_mode.kind == NetworkMode::Kind::none) return "network_mode: none: it has loopback only, so it is proven "
                                                        "unreachable (no address) and unreaching (its own checks)";
    return {};
}

PlannedCheck stack_check(const Endpoint& service, const std::string& expected) {
    PlannedCheck planned;
    planned.check.suite = Suite::stack;
    planned.check.predicted = Reach::reachable;  // the model has every service of the active files up
    planned.check.from = Endpoint::engine();
    planned.check.to = service;
    planned.check.expected = expected;
    planned.check.want = Want::verdict;
    planned.owner = service.name;
    return planned;
}

void decide(PlannedCheck& planned, Verdict verdict, const std::string& observed) {
    planned.decided = verdict;
    planned.check.observed = observed;
}

// The tiers whose networks a container is on, by their contract names (a network of no tier by its key).
std::vector<std::string> tiers_on(const SuiteContext& context, const LiveService& container) {
    std::vector<std::string> out;
    for (const LiveAddress& a : container.addresses) {
        const Tier* tier = context.contract.tier_of_network(a.network);
        out.push_back(tier ? "tier " + tier->name + " (" + a.network + ")" : a.network);
    }
    return out;
}

// A container on the stack's networks that no compose file declares: nothing of the contract
// holds for it, and between two tiers it is a bridge no check would see.
void plan_undeclared(const SuiteContext& context, Plan& plan) {
    for (const LiveService& stranger : context.stack.undeclared) {
        PlannedCheck planned = stack_check(Endpoint::container(stranger.container_name), "only the project's services on its networks");
        planned.check.predicted = Reach::unknown;  // the model knows nothing of it
        const std::vector<std::string> on = tiers_on(context, stranger);
        nlohmann::json addresses = nlohmann::json::array();
        for (const LiveAddress& a : stranger.addresses) {
            addresses.push_back({{"network", a.network}, {"ipv4", a.ip}, {"ipv6", a.ipv6}});
        }
        planned.check.evidence["container"] = {{"id", stranger.container_id.substr(0, 12)},
                                               {"name", stranger.container_name},
                                               {"image", stranger.image},
                                               {"started_at", stranger.started_at},
                                               {"attachments", addresses}};
        decide(planned, Verdict::fail,
               fmt::format("container {} ({}, image {}) is on {} and no compose file of the project declares it{}",
                           stranger.container_name, stranger.container_id.substr(0, 12), stranger.image,
                           fmt::join(on, " and "), on.size() > 1 ? ": a bridge between them" : ""));
        plan.checks.push_back(std::move(planned));
    }
}

}  // namespace

void plan_stack(const SuiteContext& context, Plan& plan) {
    std::vector<ExpectedService> expected = context.expected;
    for (const ServiceSpec& spec : context.contract.services) {
        auto known = std::find_if(expected.begin(), expected.end(), [&](const auto& e) { return e.name == spec.name; });
        if (known == expected.end()) expected.push_back({spec.name, 1, {}, false, "", ""});
    }
    for (const ExpectedService& service : expected) {
        int want = service.replicas;
        std::string wanted = want == 1 ? "running" : fmt::format("{} replicas running", want);
        PlannedCheck planned = stack_check(Endpoint::service(service.name), wanted + " (and healthy where it has a healthcheck)");
        Found found = find_containers(context.stack, service.name);
        planned.check.evidence["containers"] = nlohmann::json::array();
        for (const LiveContainer* c : found.containers) {
            nlohmann::json e{{"name", c->name}, {"state", c->state}};
            if (!c->health.empty()) e["health"] = c->health;
            planned.check.evidence["containers"].push_back(e);
        }
        if (!service.defined) {
            decide(planned, Verdict::fail, "the compose files of this environment do not define " + service.name);
        } else if (!service.inactive_profile.empty()) {
            // Nothing to prove: compose does not start it here, and the report says so.
            planned.check.expected = "not started (profile " + service.inactive_profile + " is not active)";
            decide(planned, found.containers.empty() ? Verdict::pass : Verdict::fail,
                   found.containers.empty() ? "no container, as its profile is not active"
                                            : fmt::format("{} container(s) of an inactive profile", found.containers.size()));
        } else if (!service.elsewhere.empty()) {
            // As `check` sees it: the service runs in the environment that defines it.
            planned.check.expected = "not started (only the files of environment " + service.elsewhere + " define it)";
            decide(planned, found.containers.empty() ? Verdict::pass : Verdict::fail,
                   found.containers.empty()
                       ? "no container, as this environment's files do not define it"
                       : fmt::format("{} container(s) of a service this environment's files do not define", found.containers.size()));
        } else if (want == 0) {
            planned.check.expected = "no container (scaled to 0)";
            decide(planned, found.ready == 0 ? Verdict::pass : Verdict::fail,
                   fmt::format("{} running container(s)", found.ready));
        } else if (found.containers.empty()) {
            decide(planned, Verdict::fail, "no container of " + service.name + " exists: its paths cannot be proven");
        } else if (found.ready < want || !found.wrong.empty()) {
            std::string seen = fmt::format("{} of {} ready", found.ready, want);
            for (const std::string& w : found.wrong) seen += "; " + w;
            decide(planned, Verdict::fail, seen + ": its paths cannot be proven");
        } else {
            std::string seen = want == 1 ? "running" : fmt::format("{} replicas running, each probed", found.ready);
            bool healthy = std::all_of(found.containers.begin(), found.containers.end(),
                                       [](const LiveContainer* c) { return c->health == "healthy"; });
            if (healthy) seen += ", healthy";
            std::string note = namespace_note(context, service, found);
            if (!note.empty()) planned.check.note = note;
            if (NetworkMode::of(service.network_mode).kind == NetworkMode::Kind::host ||
                NetworkMode::of(found.containers.front()->network_mode).kind == NetworkMode::Kind::host) {
                decide(planned, Verdict::fail, seen + "; network_mode: host puts it on the host's network, outside "
                                                      "every tier, so the contract cannot hold for it");
            } else {
                decide(planned, Verdict::pass, seen);
            }
        }
        plan.checks.push_back(std::move(planned));
    }
    plan_undeclared(context, plan);
}

}  // namespace meshprobe
