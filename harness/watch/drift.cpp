#include "watch/drift.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/readiness.h"
#include "topology/exposure.h"
#include "topology/name_claims.h"

namespace meshprobe::watch {
namespace {

std::string port_text(const TopologyPath& path) { return path.port ? std::to_string(*path.port) : "any port"; }

const TopologyTier* tier_of(const Topology& live, const std::string& name) {
    for (const TopologyTier& t : live.tiers)
        if (t.name == name) return &t;
    return nullptr;
}

// The side of a forbidden path whose attachment is out of place: the one whose tier's network
// is not the network carrying it (the proxy that joined the data network, not the database).
const TopologyService* misplaced(const Topology& live, const TopologyPath& path, const std::string& network) {
    const TopologyService* from = live.find_service(path.from);
    const TopologyService* to = live.find_service(path.to);
    auto at_home = [&](const TopologyService* s) {
        const TopologyTier* t = s ? tier_of(live, s->tier) : nullptr;
        return t && t->network == network;
    };
    if (from && !at_home(from)) return from;
    if (to && !at_home(to)) return to;
    return from;
}

void judge_attachments(const Topology& live, std::vector<Violation>& out) {
    std::map<std::pair<std::string, std::string>, std::vector<const TopologyPath*>> carried;  // (service, network)
    for (const TopologyPath& path : live.paths) {
        if (path.verdict != PathVerdict::forbidden) continue;
        for (const std::string& network : path.networks) {
            if (const TopologyService* s = misplaced(live, path, network)) carried[{s->name, network}].push_back(&path);
        }
    }
    for (const auto& [key, paths] : carried) {
        const auto& [service, network] = key;
        const TopologyService* s = live.find_service(service);
        bool declared = true;
        for (const TopologyAttachment& a : s->attachments)
            if (a.network == network) declared = a.declared;
        std::vector<std::string> shown;
        for (const TopologyPath* p : paths) {
            if (shown.size() == 3) break;
            shown.push_back(fmt::format("{} -> {}:{}", p->from, p->to, port_text(*p)));
        }
        Violation v;
        v.kind = Kind::attachment;
        v.service = service;
        v.network = network;
        v.subject = "network " + network;
        v.tier = s->tier;
        v.detail = fmt::format("{} is on {}{}, which carries {}{} that the contract forbids", service, network,
                               declared ? "" : " (attached now, in no compose file)", fmt::join(shown, ", "),
                               paths.size() > shown.size() ? fmt::format(" and {} more", paths.size() - shown.size()) : "");
        v.expected = fmt::format("no flow of the contract allows {}", fmt::join(shown, ", "));
        v.evidence = fmt::format("the engine has {} attached to {}", service, network);
        v.fix = declared ? fmt::format("remove {} from {}'s networks in the compose file, or add a flow for it", network, service)
                         : fmt::format("docker network disconnect {} <container of {}>", network, service);
        out.push_back(std::move(v));
    }
}

// An allowed flow no network carries while both sides run: an attachment went missing.
void judge_broken_flows(const Topology& live, std::vector<Violation>& out) {
    std::set<std::pair<std::string, std::string>> seen;
    for (const TopologyPath& path : live.paths) {
        if (path.verdict != PathVerdict::broken) continue;
        const TopologyService* from = live.find_service(path.from);
        const TopologyService* to = live.find_service(path.to);
        if (!from || !to || !service_up(*from) || !service_up(*to)) continue;  // health says it
        if (!seen.insert({path.from, path.to}).second) continue;
        Violation v;
        v.kind = Kind::attachment;
        v.service = path.from;
        v.subject = "flow to " + path.to;
        v.tier = from->tier;
        v.detail = fmt::format("no network carries {} -> {}:{}, which the contract allows", path.from, path.to,
                               port_text(path));
        v.expected = fmt::format("{} reaches {} (flow at mesh.yaml:{})", path.from, path.to, path.flow.line);
        v.evidence = fmt::format("{} and {} share no network now", path.from, path.to);
        v.fix = fmt::format("attach {} to the network of {}'s tier again (docker network connect), or restart it", path.from, path.to);
        out.push_back(std::move(v));
    }
}

void judge_published(const Topology& live, const Contract& contract, std::vector<Violation>& out) {
    for (const Exposure& e : exposures_of(live, contract)) {
        if (e.allowed) continue;
        const std::string ip = shown_address(e.port.host_ip);
        Violation v;
        v.kind = Kind::publish;
        v.service = e.service;
        v.subject = fmt::format("{}:{}/{}", ip, e.port.host_port, e.port.protocol);
        v.tier = e.tier;
        v.detail = refused_publish_text(e.service, e.port, e.why);
        v.expected = e.why;
        v.evidence = fmt::format("the engine binds {} for {}", v.subject, e.service);
        v.fix = kPublishFix;
        out.push_back(std::move(v));
    }
}

// A name answers on a network for one service only (MESH007's judgement, on the running model).
void judge_aliases(const Topology& live, const Contract& contract, std::vector<Violation>& out) {
    for (const NameCollision& c : name_collisions(live, contract)) {
        const bool container_name = c.claim == NameCollision::Claim::container_name;
        const TopologyService* claimant = live.find_service(c.claimant);
        Violation v;
        v.kind = Kind::alias;
        v.service = c.claimant;
        v.network = c.network;
        v.subject = (container_name ? "container_name " : "alias ") + c.name;
        v.tier = claimant ? claimant->tier : std::string{};
        v.detail = fmt::format("{} answers to {} on {}, a name that belongs to {}", c.claimant, c.name, c.network, c.owner);
        v.expected = fmt::format("{} answers only for {}", c.name, c.owner);
        v.evidence = fmt::format("the engine gives {} the {} {} on {}", c.claimant, container_name ? "container name" : "alias",
                                 c.name, c.network);
        v.fix = container_name ? fmt::format("rename {}'s container_name, which answers on every network it is on", c.claimant)
                               : fmt::format("remove {} from {}'s aliases on {}", c.name, c.claimant, c.network);
        out.push_back(std::move(v));
    }
}

void judge_tiers(const Topology& live, const Contract& contract, std::vector<Violation>& out) {
    for (const TopologyService& s : live.services) {
        const bool running = std::any_of(s.containers.begin(), s.containers.end(),
                                         [](const TopologyContainer& c) { return c.state == "running"; });
        if (!running || (!s.tier.empty() && contract.find_tier(s.tier))) continue;
        Violation v;
        v.kind = Kind::tier;
        v.service = s.name;
        v.subject = "tier";
        if (s.undeclared) {
            std::vector<std::string> networks;
            for (const TopologyAttachment& a : s.attachments) networks.push_back(a.network);
            v.subject = "undeclared";
            v.detail = fmt::format("container {} is on {} and no compose file of the project declares it", s.name,
                                   fmt::join(networks, " and "));
            v.expected = "only the project's services on the stack's networks";
            v.evidence = fmt::format("the engine has {} attached to {}", s.name, fmt::join(networks, ", "));
            v.fix = fmt::format("docker network disconnect <network> {}, or declare it in the compose files", s.name);
            out.push_back(std::move(v));
            continue;
        }
        v.detail = fmt::format("{} runs, and the contract gives it no tier", s.name);
        v.expected = "every service of the stack has a tier in mesh.yaml (or its metadata)";
        v.evidence = fmt::format("{} has a running container", s.name);
        v.fix = fmt::format("add {} under services: with its tier", s.name);
        out.push_back(std::move(v));
    }
}

void judge_health(const Topology& live, const Contract& contract, std::vector<Violation>& out) {
    for (const ServiceSpec& spec : contract.services) {
        const TopologyService* s = live.find_service(spec.name);
        if (!s) continue;  // another environment's service: not this stack's
        std::string what;
        if (std::any_of(s->containers.begin(), s->containers.end(), [](const TopologyContainer& c) { return c.state == "restarting"; })) {
            what = "is restarting";
        } else if (std::any_of(s->containers.begin(), s->containers.end(), [](const TopologyContainer& c) { return c.health == "unhealthy"; })) {
            what = "is unhealthy";
        } else if (std::any_of(s->containers.begin(), s->containers.end(), [](const TopologyContainer& c) {
                       return c.state == "running" && c.health == "starting";
                   }) && !service_up(*s)) {
            what = "is not ready yet: its health check is still starting";
        } else if (!service_up(*s)) {
            std::vector<std::string> states;
            for (const TopologyContainer& c : s->containers) states.push_back(c.name + " " + c.state);
            what = states.empty() ? "has no container" : fmt::format("has no running container ({})", fmt::join(states, ", "));
        }
        if (what.empty()) continue;
        Violation v;
        v.kind = Kind::health;
        v.service = spec.name;
        v.subject = "health";
        v.tier = spec.tier;
        v.detail = spec.name + " " + what;
        v.expected = spec.name + " runs and is healthy";
        v.evidence = v.detail;
        v.fix = fmt::format("docker compose logs {}; then docker compose up -d {}", spec.name, spec.name);
        out.push_back(std::move(v));
    }
}

}  // namespace

bool service_up(const TopologyService& service) {
    bool ready = false;
    for (const TopologyContainer& c : service.containers) {
        if (c.health == "unhealthy") return false;
        ready = ready || container_ready(c.state, c.health);
    }
    return ready;
}

std::vector<Violation> judge_running(const Topology& live, const Contract& contract) {
    std::vector<Violation> out;
    judge_attachments(live, out);
    judge_broken_flows(live, out);
    judge_published(live, contract, out);
    judge_aliases(live, contract, out);
    judge_tiers(live, contract, out);
    judge_health(live, contract, out);
    return out;
}

}  // namespace meshprobe::watch
