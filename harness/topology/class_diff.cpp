// diff_topology_classes (topology_diff.h): the per-pair diff computed from path classes.
//
// A per-pair path from s to t on port p is, on each side, the path of the class between s's group
// and t's group that stands for p (ClassPorts). So two services whose groups are the same on both
// sides (a "source bucket") send alike, and two services whose groups are the same on both sides
// and whose own ports did not change (a "target bucket") receive alike: one pair of a source and
// a target bucket judges every pair between them. Buckets are as many as the groups of both
// sides combined, plus the services whose ports changed.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "core/cancelled.h"
#include "topology/topology_diff.h"

namespace meshprobe {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr int kAnyPort = -1;  // the key of a path on every port

// One model's classes, indexed for the per-pair questions.
class Side {
public:
    explicit Side(const Topology& topology) : topology_(topology) {
        for (std::size_t g = 0; g < topology.groups.size(); ++g) {
            for (const std::string& name : topology.groups[g].services) group_of_[name] = g;
        }
        for (const TopologyService& service : topology.services) service_[service.name] = &service;
        for (const PathClass& c : topology.classes) {
            classes_[{c.from, c.to}].push_back(&c);
            if (c.ports.kind == ClassPorts::Kind::port) flow_ports_.insert(c.ports.port);
        }
    }

    std::size_t group(const std::string& service) const {
        auto it = group_of_.find(service);
        return it == group_of_.end() ? kNone : it->second;
    }

    // The ports of a service that no flow names: what a class of ClassPorts::Kind::own stands for.
    std::vector<int> own_ports(const std::string& service) const {
        std::vector<int> out;
        auto it = service_.find(service);
        if (it == service_.end()) return out;
        for (int port : it->second->ports) {
            if (!flow_ports_.count(port)) out.push_back(port);
        }
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }

    // The paths from one service to another, by port (kAnyPort: every port).
    std::map<int, const PathClass*> paths(const std::string& from, const std::string& to) const {
        std::map<int, const PathClass*> out;
        const std::size_t a = group(from), b = group(to);
        auto it = classes_.find({a, b});
        if (a == kNone || b == kNone || it == classes_.end()) return out;
        for (const PathClass* c : it->second) {
            switch (c->ports.kind) {
                case ClassPorts::Kind::port: out[c->ports.port] = c; break;
                case ClassPorts::Kind::any: out[kAnyPort] = c; break;
                case ClassPorts::Kind::own:
                    for (int port : own_ports(to)) out[port] = c;
                    break;
            }
        }
        return out;
    }

    // A class's place in its model's list, kNone for none.
    std::size_t index_of(const PathClass* c) const {
        return c ? static_cast<std::size_t>(c - topology_.classes.data()) : kNone;
    }

private:
    const Topology& topology_;
    std::unordered_map<std::string, std::size_t> group_of_;
    std::unordered_map<std::string, const TopologyService*> service_;
    std::map<std::pair<std::size_t, std::size_t>, std::vector<const PathClass*>> classes_;
    std::set<int> flow_ports_;
};

bool same_path(const PathClass* a, const PathClass* b) {
    return a && b && a->verdict == b->verdict && a->networks == b->networks;
}

bool per_own_port(const PathClass* c) { return c && c->ports.kind == ClassPorts::Kind::own; }

// What a class says of one of its pairs.
TopologyPath path_of(const PathClass& c, const std::string& from, const std::string& to, int port) {
    TopologyPath path{from, to, port == kAnyPort ? std::nullopt : std::optional<int>(port), c.networks, c.verdict,
                      c.grant, c.flow, {}};
    if (c.verdict == PathVerdict::reverse) path.reverse_of = "a path the contract allows from " + to + " to " + from;
    return path;
}

// A change between a source and a target bucket: the classes before and after, and the ports
// of the representative target it was found on.
struct Change {
    const PathClass* before = nullptr;
    const PathClass* after = nullptr;
    std::vector<int> ports;
};

class ClassDiff {
public:
    ClassDiff(const Topology& before, const Topology& after) : before_(before), after_(after) {
        for (const TopologyService& s : after.services) add_service(s.name);
        for (const TopologyService& s : before.services) add_service(s.name);
        for (std::size_t i = 0; i < names_.size(); ++i) {
            const std::string& name = names_[i];
            const std::size_t b = before_.group(name), a = after_.group(name);
            if (b == kNone && a == kNone) continue;
            sources_[{b, a}].push_back(i);
            // A service on one side only has the paths to it of that side: its ports tell its
            // targets apart only when both sides have it and they changed.
            const bool alike = b == kNone || a == kNone || before_.own_ports(name) == after_.own_ports(name);
            const std::size_t own = alike ? 0 : i + 1;
            targets_[{b, a, own}].push_back(i);
        }
    }

    void run(TopologyDiff& d, std::size_t named) {
        struct Found {
            const std::vector<std::size_t>* sources;
            const std::vector<std::size_t>* targets;
            bool unique;  // one target whose own ports changed: the change's ports are its own
            Change change;
        };
        std::vector<Found> found;
        // The class changes, merged over target buckets: by source bucket and pair of classes
        // (as indices, so the order of the report is the models' and not the heap's).
        std::map<std::tuple<std::size_t, std::size_t, std::size_t>, PathClassChange> merged;
        std::size_t total = 0, source_bucket = 0;
        for (const auto& [source_key, sources] : sources_) {
            ++source_bucket;
            for (const auto& [target_key, targets] : targets_) {
                throw_if_cancelled();
                const bool overlap = source_key == std::pair{std::get<0>(target_key), std::get<1>(target_key)};
                const bool unique = std::get<2>(target_key) != 0;
                if (overlap && sources.size() < 2) continue;
                const std::size_t t = targets[0], s = sources[0] != t ? sources[0] : sources[1];
                for (Change& change : changes(names_[s], names_[t])) {
                    std::size_t paths = 0;
                    for (std::size_t target : targets) {
                        paths += (sources.size() - (overlap ? 1 : 0)) * ports_of(change, target, unique).size();
                    }
                    if (paths == 0) continue;
                    total += paths;
                    PathClassChange& c =
                        merged[{source_bucket, before_.index_of(change.before), after_.index_of(change.after)}];
                    if (c.from.empty()) {
                        c.from = names_of(sources);
                        c.ports = change.after ? change.after->ports : change.before->ports;
                        if (change.before) c.before = *change.before;
                        if (change.after) c.after = *change.after;
                    }
                    for (std::size_t target : targets) c.to.push_back(names_[target]);
                    c.paths += paths;
                    found.push_back({&sources, &targets, unique, std::move(change)});
                }
            }
        }
        if (total <= named) {
            for (const Found& f : found) name_pairs(d, *f.sources, *f.targets, f.unique, f.change);
            sort_named(d);
            return;
        }
        for (auto& [key, c] : merged) {
            std::sort(c.to.begin(), c.to.end(), [this](const std::string& a, const std::string& b) { return index_.at(a) < index_.at(b); });
            d.path_classes.push_back(std::move(c));
        }
    }

private:
    void add_service(const std::string& name) {
        if (index_.try_emplace(name, names_.size()).second) names_.push_back(name);
    }

    // The ports of `target` that a change found on its bucket's representative stands for.
    std::vector<int> ports_of(const Change& change, std::size_t target, bool unique) const {
        if (unique) return change.ports;  // the bucket is that target alone
        if (per_own_port(change.before)) return before_.own_ports(names_[target]);
        if (per_own_port(change.after)) return after_.own_ports(names_[target]);
        return change.ports;
    }

    // The ports on which the paths from one service to another differ, by pair of classes.
    std::vector<Change> changes(const std::string& from, const std::string& to) const {
        const std::map<int, const PathClass*> was = before_.paths(from, to), is = after_.paths(from, to);
        std::map<std::pair<const PathClass*, const PathClass*>, std::vector<int>> by_classes;
        for (const auto& [port, c] : was) {
            auto it = is.find(port);
            const PathClass* now = it == is.end() ? nullptr : it->second;
            if (!same_path(c, now)) by_classes[{c, now}].push_back(port);
        }
        for (const auto& [port, c] : is) {
            if (!was.count(port)) by_classes[{nullptr, c}].push_back(port);
        }
        std::vector<Change> out;
        for (auto& [classes, ports] : by_classes) out.push_back({classes.first, classes.second, std::move(ports)});
        return out;
    }

    void name_pairs(TopologyDiff& d, const std::vector<std::size_t>& sources, const std::vector<std::size_t>& targets,
                    bool unique, const Change& change) const {
        for (std::size_t s : sources) {
            for (std::size_t t : targets) {
                if (s == t) continue;
                for (int port : ports_of(change, t, unique)) {
                    const std::string& from = names_[s];
                    const std::string& to = names_[t];
                    if (!change.before) {
                        d.paths_added.push_back(path_of(*change.after, from, to, port));
                    } else if (!change.after) {
                        d.paths_removed.push_back(path_of(*change.before, from, to, port));
                    } else {
                        d.paths_changed.push_back(
                            {path_of(*change.before, from, to, port), path_of(*change.after, from, to, port)});
                    }
                }
            }
        }
    }

    // In the order of the services (the after model's first), then of the ports.
    void sort_named(TopologyDiff& d) const {
        auto key = [this](const TopologyPath& p) {
            return std::tuple{index_.at(p.from), index_.at(p.to), p.port.value_or(kAnyPort)};
        };
        auto by_key = [&](const TopologyPath& a, const TopologyPath& b) { return key(a) < key(b); };
        std::sort(d.paths_added.begin(), d.paths_added.end(), by_key);
        std::sort(d.paths_removed.begin(), d.paths_removed.end(), by_key);
        std::sort(d.paths_changed.begin(), d.paths_changed.end(),
                  [&](const PathChange& a, const PathChange& b) { return key(a.after) < key(b.after); });
    }

    std::vector<std::string> names_of(const std::vector<std::size_t>& indices) const {
        std::vector<std::string> out;
        out.reserve(indices.size());
        for (std::size_t i : indices) out.push_back(names_[i]);
        return out;
    }

    Side before_, after_;
    std::vector<std::string> names_;  // every service of either model
    std::unordered_map<std::string, std::size_t> index_;
    std::map<std::pair<std::size_t, std::size_t>, std::vector<std::size_t>> sources_;  // by group before, after
    std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::vector<std::size_t>> targets_;  // and changed ports
};

}  // namespace

TopologyDiff diff_topology_classes(const Topology& before, const Topology& after, std::size_t named) {
    TopologyDiff d;
    ClassDiff(before, after).run(d, named);
    diff_stacks(before, after, d);
    return d;
}

}  // namespace meshprobe
