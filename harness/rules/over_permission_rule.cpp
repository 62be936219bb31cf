// MESH003: Docker networks are coarse, so every pair of services on one network can connect
// both ways on every port; each such path the contract does not allow is over-permission.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "rules/rules.h"

namespace meshprobe {
namespace {

struct Path {
    const ComposeService* from = nullptr;
    const ComposeService* to = nullptr;
    std::vector<int> ports;
    std::string reverse_of;  // the allowed flow this path is the reverse of, or empty

    bool involves(const ComposeService* service) const { return from == service || to == service; }
    std::string str() const {
        std::string text = fmt::format("{} -> {}:{}", from->name, to->name, fmt::join(ports, ","));
        if (!reverse_of.empty()) text += " (reverse of " + reverse_of + ")";
        return text;
    }
};

// The contract's verdicts for a pair depend only on the two tiers (and the ports) unless a flow
// names one of the services itself; large stacks have many pairs and few tiers, so verdicts of
// unnamed services are computed once per tier pair.
class Verdicts {
public:
    explicit Verdicts(const RuleInput& input) : input_(input) {
        for (const Flow& flow : input.contract.flows) {
            named_.insert(flow.from.begin(), flow.from.end());
            named_.insert(flow.to.begin(), flow.to.end());
        }
    }

    // The ports of `to` that `from` may not reach, and the flow the path reverses, if any.
    Path judge(const ComposeService* from, const ComposeService* to) {
        const Tier* from_tier = input_.tier_of(from->name);
        const Tier* to_tier = input_.tier_of(to->name);
        if (!from_tier || !to_tier || named_.count(from->name) || named_.count(to->name)) return compute(from, to);
        Key key{from_tier, to_tier, port_class(from), port_class(to)};
        auto it = cache_.find(key);
        if (it == cache_.end()) it = cache_.emplace(key, compute(from, to)).first;
        Path path = it->second;
        path.from = from;
        path.to = to;
        return path;
    }

private:
    using Key = std::tuple<const Tier*, const Tier*, int, int>;

    // Services that serve the same ports share a number, so a key compares in constant time.
    int port_class(const ComposeService* service) {
        auto known = class_of_.find(service);
        if (known != class_of_.end()) return known->second;
        auto [it, added] = classes_.emplace(input_.policy.ports(service->name), static_cast<int>(classes_.size()));
        class_of_.emplace(service, it->second);
        return it->second;
    }

    Path compute(const ComposeService* from, const ComposeService* to) const {
        Party party = input_.policy.party_of(from->name);
        Path path{from, to, {}, {}};
        for (int port : input_.policy.ports(to->name)) {
            if (!input_.policy.may_reach(party, to->name, port)) path.ports.push_back(port);
        }
        if (!path.ports.empty()) path.reverse_of = input_.policy.reverse_of(party, to->name);
        return path;
    }

    const RuleInput& input_;
    std::set<std::string> named_;
    std::map<Key, Path> cache_;
    std::map<std::vector<int>, int> classes_;
    std::unordered_map<const ComposeService*, int> class_of_;
};

std::vector<Path> unallowed_paths(const std::vector<const ComposeService*>& members, Verdicts& verdicts) {
    std::vector<Path> out;
    for (const ComposeService* from : members) {
        for (const ComposeService* to : members) {
            if (from == to) continue;
            Path path = verdicts.judge(from, to);
            if (!path.ports.empty()) out.push_back(std::move(path));
        }
    }
    return out;
}

std::string list_paths(const std::vector<Path>& paths) {
    const std::size_t shown = 6;
    std::vector<std::string> texts;
    for (std::size_t i = 0; i < paths.size() && i < shown; ++i) texts.push_back(paths[i].str());
    std::string text = fmt::format("{}", fmt::join(texts, "; "));
    if (paths.size() > shown) text += fmt::format("; and {} more", paths.size() - shown);
    return text;
}

SourceLocation attachment_location(const ComposeService& service, const std::string& network) {
    const NetworkAttachment* attachment = service.attachment(network);
    return attachment && attachment->where.line ? attachment->where : service.where;
}

// Which attachment to blame: repeatedly the service in most of the remaining paths, so that a
// finding points at the line whose removal closes them; an attachment outside the service's
// own tier network before one on it.
void report_forbidden(const RuleInput& input, const std::string& network, const std::vector<Path>& paths,
                      Findings& out) {
    std::map<const ComposeService*, std::vector<std::size_t>> paths_of;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        paths_of[paths[i].from].push_back(i);
        paths_of[paths[i].to].push_back(i);
    }
    std::map<const ComposeService*, std::size_t> open;
    for (const auto& [service, indices] : paths_of) open[service] = indices.size();
    auto rank = [&](const ComposeService* service) {
        const Tier* tier = input.tier_of(service->name);
        return std::make_tuple(open[service], !tier || tier->network != network, service->name);
    };
    std::vector<bool> reported(paths.size(), false);
    std::size_t left = paths.size();
    while (left > 0) {
        const ComposeService* blamed = nullptr;
        for (const auto& [service, n] : open) {
            if (n > 0 && (!blamed || rank(service) > rank(blamed))) blamed = service;
        }
        std::vector<Path> mine;
        for (std::size_t i : paths_of[blamed]) {
            if (reported[i]) continue;
            reported[i] = true;
            --left;
            --open[paths[i].from == blamed ? paths[i].to : paths[i].from];
            mine.push_back(paths[i]);
        }
        open[blamed] = 0;
        std::string reverse = input.contract.policy.reverse_allow ? "" : " (policy reverse: deny)";
        out.add("MESH003", blamed->name, attachment_location(*blamed, network),
                fmt::format("{} on {} opens paths that no flow allows{}: {}", blamed->name, network, reverse,
                            list_paths(mine)),
                fmt::format("detach {} from {} if these paths must not exist; otherwise allow them with a flow",
                            blamed->name, network));
    }
}

void report_reverse_notes(const std::string& network, const std::vector<Path>& paths, Findings& out) {
    std::map<const ComposeService*, std::vector<Path>> by_opener;
    for (const Path& path : paths) by_opener[path.from].push_back(path);
    for (const auto& [opener, own] : by_opener) {
        Finding& note = out.add("MESH003", opener->name, attachment_location(*opener, network),
                                fmt::format("reverse paths over {} (policy reverse: allow): {}", network, list_paths(own)),
                                "nothing to change under reverse: allow; closing them takes host firewall rules "
                                "(docs/rules.md#mesh003)");
        note.severity = Severity::note;
    }
}

std::vector<std::string> network_keys(const RuleInput& input) {
    std::vector<std::string> keys;
    for (const ComposeNetwork& network : input.model.networks) keys.push_back(network.key);
    for (const ComposeService& service : input.model.services) {
        for (const NetworkAttachment& attachment : service.networks) {
            if (std::find(keys.begin(), keys.end(), attachment.network) == keys.end())
                keys.push_back(attachment.network);
        }
    }
    return keys;
}

}  // namespace

void check_over_permission(const RuleInput& input, Findings& out) {
    // A pair on several networks has one reverse note, on the first network it shares.
    std::set<std::pair<const ComposeService*, const ComposeService*>> noted;
    Verdicts verdicts(input);
    for (const std::string& network : network_keys(input)) {
        std::vector<Path> forbidden, reverse;
        for (Path& path : unallowed_paths(input.members(network), verdicts)) {
            if (path.reverse_of.empty() || !input.contract.policy.reverse_allow) {
                forbidden.push_back(std::move(path));
            } else if (noted.insert({path.from, path.to}).second) {
                reverse.push_back(std::move(path));
            }
        }
        report_forbidden(input, network, forbidden, out);
        report_reverse_notes(network, reverse, out);
    }
}

}  // namespace meshprobe
