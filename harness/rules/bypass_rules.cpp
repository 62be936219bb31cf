#include <set>

#include "rules/rules.h"

namespace meshprobe {
namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_engine_socket(const std::string& path) {
    return ends_with(path, "docker.sock") || ends_with(path, "podman.sock");
}

// Folders that hold an engine's socket (Docker's, Podman's, rootful or rootless): mounting one
// mounts the socket with it, as cAdvisor's documented `/var/run:/var/run` does.
bool holds_engine_socket(std::string folder) {
    while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
    static const std::set<std::string> folders{"/", "/var", "/var/run", "/run", "/var/run/docker", "/run/docker",
                                                "/var/run/podman", "/run/podman", "/run/user", "/var/run/user"};
    if (folders.count(folder)) return true;
    // /run/user/UID and /run/user/UID/podman: the rootless engines' sockets.
    for (const std::string user : {"/run/user/", "/var/run/user/"}) {
        if (folder.rfind(user, 0) != 0) continue;
        const std::string rest = folder.substr(user.size());
        const auto slash = rest.find('/');
        if (slash == std::string::npos || rest.substr(slash) == "/podman" || rest.substr(slash) == "/docker") return true;
    }
    return false;
}

// Whether a bind mount gives the container the engine's API: the socket itself (whatever the
// engine, Podman's too), a folder that holds it, or any host file mounted where clients look
// for Docker's socket. A named volume is the engine's storage, not the host's socket.
bool mounts_docker_socket(const std::string& source, const std::string& target) {
    const bool host_path = !source.empty() && (source[0] == '/' || source[0] == '.' || source[0] == '~' || source[0] == '$');
    if (!host_path) return false;
    return is_engine_socket(source) || holds_engine_socket(source) || is_engine_socket(target);
}

// An edge tier faces the outside: it is called edge, or one of its services may publish.
// The edge: a tier named so, or one with a service the contract lets publish ports.
// The tiers that face the outside and are set apart from the rest: one named `edge`, or one
// whose services publish, when there are other tiers. A stack of one tier has no edge: all its
// services share one network, so a socket anywhere is within reach of every service.
std::set<const Tier*> edge_tiers(const RuleInput& input) {
    std::set<const Tier*> edge;
    for (const Tier& tier : input.contract.tiers) {
        if (tier.name == "edge") edge.insert(&tier);
    }
    if (input.contract.tiers.size() < 2) return edge;
    for (const ServiceSpec& spec : input.contract.services) {
        if (!spec.publish.empty()) edge.insert(input.tier_of(spec.name));
    }
    return edge;
}

}  // namespace

// MESH009
void check_network_mode(const RuleInput& input, Findings& out) {
    for (const StackService& service : input.model.services) {
        const std::string& mode = service.network_mode;
        const NetworkMode::Kind kind = service.mode().kind;
        if (kind == NetworkMode::Kind::networks || kind == NetworkMode::Kind::none) continue;
        out.add("MESH009", service.name, service.where,
                "service " + service.name + " has network_mode: " + mode + ", which takes it out of the tier networks" +
                    (kind == NetworkMode::Kind::host ? " and gives it every port of the host" : ""),
                "remove network_mode and attach the service to its tier network under networks:");
    }
}

// MESH013
void check_docker_socket(const RuleInput& input, Findings& out) {
    const std::set<const Tier*> edge = edge_tiers(input);
    for (const StackService& service : input.model.services) {
        const Tier* tier = input.tier_of(service.name);
        if (tier && edge.count(tier)) continue;
        for (const std::string& volume : service.volumes) {
            auto target = service.volume_target.find(volume);
            const std::string inside = target == service.volume_target.end() ? std::string() : target->second;
            if (!mounts_docker_socket(volume.substr(0, volume.find(':')), inside)) continue;
            auto line = service.volume_where.find(volume);
            const std::string source = volume.substr(0, volume.find(':'));
            const char* what = is_engine_socket(source) || is_engine_socket(inside) ? "the Docker socket" : "a folder that holds the Docker socket";
            out.add("MESH013", service.name, line == service.volume_where.end() ? service.where : line->second,
                    "service " + service.name + " mounts " + what + " (" + volume + (inside.empty() ? "" : ":" + inside) +
                        ") outside the edge tier; "
                    "whoever controls it controls every container and the host",
                    "remove the mount; if the service must watch Docker, put it in the edge tier or give it a "
                    "socket proxy that allows only the calls it needs");
        }
    }
}

// MESH014
void check_links(const RuleInput& input, Findings& out) {
    for (const StackService& service : input.model.services) {
        const Tier* tier = input.tier_of(service.name);
        for (const std::string& link : service.links) {
            std::string target = link.substr(0, link.find(':'));
            const Tier* target_tier = input.tier_of(target);
            if (!tier || !target_tier || tier == target_tier) continue;
            if (input.policy.may_reach_any(input.policy.party_of(service.name), target)) continue;
            out.add("MESH014", service.name, service.where,
                    "service " + service.name + " (tier " + tier->name + ") links to " + target + " (tier " +
                        target_tier->name + "), which no flow lets it reach",
                    "remove the link; if " + service.name + " needs " + target + ", declare a flow and share a network");
        }
    }
}

}  // namespace meshprobe
