// MESH003: Docker networks are coarse, so every pair of services on one network can connect
// both ways on every port; each such path the contract does not allow is over-permission.
#include <algorithm>
#include <map>
#include <set>

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

std::vector<Path> unallowed_paths(const RuleInput& input, const std::vector<const ComposeService*>& members) {
    std::vector<Path> out;
    for (const ComposeService* from : members) {
        Party party = Party::of_service(input.contract, from->name);
        for (const ComposeService* to : members) {
            if (from == to) continue;
            Path path{from, to, {}, {}};
            for (int port : input.policy.ports(to->name)) {
                if (!input.policy.may_reach(party, to->name, port)) path.ports.push_back(port);
            }
            if (path.ports.empty()) continue;
            path.reverse_of = input.policy.reverse_of(party, to->name);
            out.push_back(std::move(path));
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

// Which attachment to blame: the service in most of the paths, so that the finding points at
// the line whose removal closes them; off-tier attachments before a service's own tier network.
const ComposeService* most_involved(const RuleInput& input, const std::vector<Path>& paths,
                                    const std::string& network) {
    std::map<const ComposeService*, int> count;
    for (const Path& path : paths) {
        ++count[path.from];
        ++count[path.to];
    }
    auto off_tier = [&](const ComposeService* service) {
        const Tier* tier = input.tier_of(service->name);
        return !tier || tier->network != network;
    };
    auto rank = [&](const ComposeService* service) {
        return std::make_tuple(count[service], off_tier(service), service->name);
    };
    const ComposeService* best = nullptr;
    for (const auto& [service, n] : count) {
        if (!best || rank(service) > rank(best)) best = service;
    }
    return best;
}

void report_forbidden(const RuleInput& input, const std::string& network, std::vector<Path> paths, Findings& out) {
    while (!paths.empty()) {
        const ComposeService* blamed = most_involved(input, paths, network);
        auto split = std::stable_partition(paths.begin(), paths.end(),
                                           [&](const Path& p) { return p.involves(blamed); });
        std::vector<Path> mine(paths.begin(), split);
        paths.erase(paths.begin(), split);
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
    for (const std::string& network : network_keys(input)) {
        std::vector<Path> forbidden, reverse;
        for (Path& path : unallowed_paths(input, input.members(network))) {
            if (path.reverse_of.empty() || !input.contract.policy.reverse_allow) {
                forbidden.push_back(std::move(path));
            } else if (noted.insert({path.from, path.to}).second) {
                reverse.push_back(std::move(path));
            }
        }
        report_forbidden(input, network, std::move(forbidden), out);
        report_reverse_notes(network, reverse, out);
    }
}

}  // namespace meshprobe
