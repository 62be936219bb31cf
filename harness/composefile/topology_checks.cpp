#include "composefile/topology_checks.h"

#include <optional>
#include <unordered_map>
#include <vector>

#include "core/errors.h"

namespace meshprobe {
namespace {

using ServiceIndex = std::unordered_map<std::string, const StackService*>;

void check_references(const StackModel& model, const ServiceIndex& index, const std::set<std::string>& inactive,
                      const StackService& service) {
    const auto known = [&index](const std::string& name) { return index.count(name) > 0; };
    const auto why_unknown = [&inactive](const std::string& name) {
        return inactive.count(name) ? "'" + name + "', which no active profile enables" : "undefined service '" + name + "'";
    };
    for (const auto& attachment : service.networks) {
        if (attachment.network != "default" && !model.find_network(attachment.network)) {
            throw InputError(attachment.where, "service '" + service.name + "' uses network '" + attachment.network +
                                                   "', which is not declared under the top-level 'networks:'");
        }
    }
    for (const auto& dependency : service.depends_on) {
        if (!known(dependency)) {
            throw InputError(service.where, "service '" + service.name + "' depends on " + why_unknown(dependency));
        }
    }
    for (const auto& link : service.links) {
        const std::string target = link.substr(0, link.find(':'));
        if (!known(target)) {
            throw InputError(service.where, "service '" + service.name + "' links to " + why_unknown(target));
        }
    }
    const std::string& mode = service.network_mode;
    if (service.mode().kind == NetworkMode::Kind::service && !known(service.mode().target)) {
        throw InputError(service.where, "service '" + service.name + "' uses network_mode '" + mode +
                                            "' of an undefined service");
    }
    if (!service.mode().on_networks() && !service.networks.empty()) {
        throw InputError(service.where, "service '" + service.name + "' sets both network_mode and networks");
    }
    if (service.image.empty() && !service.has_build) {
        throw InputError(service.where, "service '" + service.name + "' has neither an image nor a build context");
    }
}

// What a service waits for, as compose v2 orders startup: depends_on, then links (without
// their alias), then the service whose network it shares; nullopt past the last.
struct Dependency {
    std::string target;
    const char* verb;  // for the message
};

std::optional<Dependency> dependency_at(const StackService& service, size_t i) {
    if (i < service.depends_on.size()) return Dependency{service.depends_on[i], "depends on"};
    i -= service.depends_on.size();
    if (i < service.links.size()) return Dependency{service.links[i].substr(0, service.links[i].find(':')), "links to"};
    i -= service.links.size();
    if (i == 0 && service.mode().kind == NetworkMode::Kind::service) {
        return Dependency{service.mode().target, "shares the network of"};
    }
    return std::nullopt;
}

// Depth-first search over the dependencies; a service met again on the current path closes a
// cycle (compose v2 refuses `foo` linking to itself too). The path is kept here, not on the
// call stack: a generated chain of 200,000 services, each depending on the next, overflowed
// the stack when the search recursed.
void check_dependency_cycles(const StackModel& model, const ServiceIndex& index) {
    enum class Mark { unseen, on_path, done };
    struct Step {
        const StackService* service;
        size_t next_dependency;
    };
    std::unordered_map<std::string, Mark> marks;
    std::vector<Step> path;
    for (const auto& start : model.services) {
        if (marks[start.name] != Mark::unseen) continue;
        marks[start.name] = Mark::on_path;
        path.push_back({&start, 0});
        while (!path.empty()) {
            const StackService& service = *path.back().service;
            const std::optional<Dependency> found = dependency_at(service, path.back().next_dependency++);
            if (!found) {
                marks[service.name] = Mark::done;
                path.pop_back();
                continue;
            }
            const std::string& dependency = found->target;
            const auto next = index.find(dependency);
            if (next == index.end()) continue;
            Mark& mark = marks[dependency];
            if (mark == Mark::on_path) {
                const bool depends_on = path.back().next_dependency <= service.depends_on.size();
                throw InputError(service.where, std::string(depends_on ? "depends_on" : "dependency") + " cycle: '" +
                                                    service.name + "' " + found->verb + " '" + dependency +
                                                    "', which depends back on it");
            }
            if (mark == Mark::unseen) {
                mark = Mark::on_path;
                path.push_back({next->second, 0});
            }
        }
    }
}

}  // namespace

void check_topology(const StackModel& model, const std::set<std::string>& inactive) {
    ServiceIndex index;
    for (const auto& service : model.services) index.emplace(service.name, &service);
    for (const auto& service : model.services) check_references(model, index, inactive, service);
    check_dependency_cycles(model, index);
}

}  // namespace meshprobe
