// MESH003: Docker networks are coarse, so every pair of services on one network can connect
// both ways on every port; each such path the contract does not allow is over-permission.
//
// A query on the model (RuleInput::topology): its path classes say which group of services
// reaches which over which networks, and how the contract judges those paths (path_judge.h).
// A network of a thousand services has a million pairs but few groups, so counting and blaming
// work on groups; this rule only chooses the attachment to blame and words the finding, and the
// paths a finding lists are judged one by one by the model's judge.
#include <algorithm>
#include <charconv>
#include <iterator>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "rules/rules.h"
#include "topology/path_judge.h"

namespace meshprobe {
namespace {

using Members = std::vector<const StackService*>;

// A port of 0 stands for every port: the target declares none, and Docker opens them all.
constexpr int kEveryPort = 0;

struct Path {
    const StackService* from = nullptr;
    const StackService* to = nullptr;
    std::vector<int> ports;  // the ports of `to` that `from` may not reach
    std::string reverse_of;  // the allowed flow this path is the reverse of, or empty

    bool every_port() const { return ports.size() == 1 && ports.front() == kEveryPort; }

    // Thousands of findings list ninety thousand paths: appended straight to the finding's
    // text, without a format string to interpret per path (a fifth of the rule's time).
    void write(std::string& text) const {
        text += from->name;
        text += " -> ";
        text += to->name;
        if (every_port()) {
            text += " on every port";
        } else {
            for (std::size_t i = 0; i < ports.size(); ++i) {
                text += i == 0 ? ':' : ',';
                char digits[16];
                text.append(digits, std::to_chars(digits, digits + sizeof digits, ports[i]).ptr);
            }
        }
        if (!reverse_of.empty()) {
            text += " (reverse of ";
            text += reverse_of;
            text += ')';
        }
    }
};

// The path from one service to another as the model judges it: the ports it may not reach.
// A finding lists a few paths per service, and thousands of services have findings: each
// service's party and judged ports are looked up once, by its index in the model, not per path.
class PathJudge {
public:
    explicit PathJudge(const RuleInput& input)
        : input_(input), known_(input.model.services.size()) {}

    Path judge(const StackService* from, const StackService* to) {
        UnallowedPorts judged = unallowed_ports(input_.policy, known(from).party, to->name, known(to).judged_ports);
        Path path{from, to, {}, std::move(judged.reverse_of)};
        path.ports.reserve(judged.ports.size());
        for (const std::optional<int>& port : judged.ports) path.ports.push_back(port.value_or(kEveryPort));
        return path;
    }

private:
    struct Known {
        Party party;
        std::vector<std::optional<int>> judged_ports;
    };

    const Known& known(const StackService* service) {
        std::optional<Known>& entry = known_[static_cast<std::size_t>(service - input_.model.services.data())];
        if (!entry) entry = Known{input_.policy.party_of(service->name), input_.policy.judged_ports(service->name)};
        return *entry;
    }

    const RuleInput& input_;
    std::vector<std::optional<Known>> known_;  // per service of the model, once asked
};

// What the model says of the paths from one group of services to another: allowed, forbidden,
// or (under reverse: allow) only the reverse of an allowed flow; and the networks that carry
// them, as indexes into the rule's network keys, ascending.
struct GroupPaths {
    PathVerdict verdict = PathVerdict::allowed;
    std::vector<std::size_t> networks;
};

class ModelPaths {
public:
    ModelPaths(const RuleInput& input, const std::vector<std::string>& keys) : input_(input) {
        std::unordered_map<std::string, std::size_t> key_index;
        for (std::size_t k = 0; k < keys.size(); ++k) key_index.emplace(keys[k], k);
        const std::vector<ServiceGroup>& groups = input.topology.groups;
        std::unordered_map<std::string, std::size_t> group_by_service;
        for (std::size_t g = 0; g < groups.size(); ++g) {
            for (const std::string& name : groups[g].services) group_by_service.emplace(name, g);
        }
        group_of_.reserve(input.model.services.size());
        for (const StackService& service : input.model.services) group_of_.push_back(group_by_service.at(service.name));
        for (const PathClass& c : input.topology.classes) {
            if (c.networks.empty()) continue;  // a flow no network carries: MESH004's
            GroupPaths& paths = pairs_[{c.from, c.to}];
            if (paths.networks.empty()) {
                for (const std::string& network : c.networks) {
                    if (auto k = key_index.find(network); k != key_index.end()) paths.networks.push_back(k->second);
                }
                std::sort(paths.networks.begin(), paths.networks.end());
            }
            if (c.verdict == PathVerdict::forbidden || (c.verdict == PathVerdict::reverse && paths.verdict == PathVerdict::allowed))
                paths.verdict = c.verdict;
        }
    }

    std::size_t group_of(const StackService* service) const {
        return group_of_[static_cast<std::size_t>(service - input_.model.services.data())];
    }
    // nullptr: no network carries a path from a member of `from` to another member of `to`.
    const GroupPaths* between(std::size_t from, std::size_t to) const {
        auto it = pairs_.find({from, to});
        return it == pairs_.end() ? nullptr : &it->second;
    }

private:
    const RuleInput& input_;
    std::vector<std::size_t> group_of_;  // per service of the model
    std::map<std::pair<std::size_t, std::size_t>, GroupPaths> pairs_;
};

// The services one network carries, with their groups numbered locally, and what the model says
// of the paths between those groups over this network.
class NetworkView {
public:
    NetworkView(const ModelPaths& model, std::size_t network, const Members& members)
        : model_(model), network_(network), members_(members) {
        std::map<std::size_t, std::size_t> sizes;  // group -> its members here, in group order
        for (const StackService* service : members) ++sizes[model.group_of(service)];
        for (const auto& [group, size] : sizes) {
            local_.emplace(group, on_.size());
            on_.push_back(group);
            sizes_.push_back(size);
        }
        const std::size_t n = on_.size();
        paths_.assign(n * n, nullptr);
        for (std::size_t a = 0; a < n; ++a) {
            for (std::size_t b = 0; b < n; ++b) {
                const GroupPaths* paths = model.between(on_[a], on_[b]);
                if (paths && std::binary_search(paths->networks.begin(), paths->networks.end(), network))
                    paths_[a * n + b] = paths;
            }
        }
    }

    const Members& members() const { return members_; }
    std::size_t group_count() const { return on_.size(); }
    std::size_t local(const StackService* service) const { return local_.at(model_.group_of(service)); }
    std::size_t size(std::size_t local) const { return sizes_[local]; }
    PathVerdict verdict(std::size_t from, std::size_t to) const {
        const GroupPaths* paths = paths_[from * on_.size() + to];
        return paths ? paths->verdict : PathVerdict::allowed;
    }
    // A reverse path is noted on the first network that carries it.
    bool noted_here(std::size_t from, std::size_t to) const {
        const GroupPaths* paths = paths_[from * on_.size() + to];
        return paths && paths->networks.front() == network_;
    }
    // How many paths a member of `local` opens to others with `wanted`.
    template <typename Wanted>
    std::size_t count_from(std::size_t local, Wanted wanted) const {
        std::size_t total = 0;
        for (std::size_t other = 0; other < on_.size(); ++other) {
            if (wanted(local, other)) total += size(other) - (other == local ? 1 : 0);
        }
        return total;
    }

private:
    const ModelPaths& model_;
    std::size_t network_;
    const Members& members_;
    std::unordered_map<std::size_t, std::size_t> local_;  // group -> local number
    std::vector<std::size_t> on_;                         // local number -> group
    std::vector<std::size_t> sizes_;                      // local number -> members here
    std::vector<const GroupPaths*> paths_;                // [from * n + to], nullptr: not carried here
};

const std::size_t shown_paths = 6;

// Said once a finding lists a target that declares no port.
std::string every_port_hint(const std::vector<Path>& shown) {
    std::vector<std::string> targets;
    for (const Path& path : shown) {
        if (path.every_port() &&
            std::find(targets.begin(), targets.end(), path.to->name) == targets.end())
            targets.push_back(path.to->name);
    }
    if (targets.empty()) return {};
    return fmt::format("; no port of {} is known, so every port is open to these paths: declare them with "
                       "`ports:` in its contract entry or `expose:` in compose, or say `ports: none` if it serves none",
                       fmt::join(targets, ", "));
}

std::string list_paths(const std::vector<Path>& shown, std::size_t total) {
    std::string text;
    for (const Path& path : shown) {
        if (!text.empty()) text += "; ";
        path.write(text);
    }
    if (total > shown.size()) fmt::format_to(std::back_inserter(text), "; and {} more", total - shown.size());
    return text;
}

SourceLocation attachment_location(const StackService& service, const std::string& network) {
    const NetworkAttachment* attachment = service.attachment(network);
    return attachment && attachment->where.line ? attachment->where : service.where;
}

// Which attachment to blame: repeatedly the service in most of the remaining forbidden paths,
// so that a finding points at the line whose removal closes them; an attachment outside the
// service's own tier network before one on it, then the later name. Members of a group stay
// alike while others are blamed, so the counts are kept per group.
void report_forbidden(const RuleInput& input, const NetworkView& view, const std::string& network, PathJudge& judge,
                      Findings& out) {
    const std::size_t n = view.group_count();
    auto forbidden = [&](std::size_t from, std::size_t to) { return view.verdict(from, to) == PathVerdict::forbidden; };
    // shared[a][b]: the forbidden paths between a member of a and one of b, both ways.
    std::vector<std::vector<long long>> shared(n, std::vector<long long>(n, 0));
    std::vector<long long> open(n, 0);  // the unreported paths of each unblamed member
    std::vector<Members> waiting(n);    // unblamed members, the next to blame last
    std::vector<bool> off_tier(n);
    long long left = 0;
    for (std::size_t a = 0; a < n; ++a) {
        for (std::size_t b = 0; b < n; ++b) {
            if (!forbidden(a, b)) continue;
            ++shared[a][b];
            ++shared[b][a];
            left += static_cast<long long>(view.size(a) * (view.size(b) - (a == b ? 1 : 0)));
        }
    }
    for (std::size_t a = 0; a < n; ++a) {
        for (std::size_t b = 0; b < n; ++b)
            open[a] += shared[a][b] * static_cast<long long>(view.size(b) - (a == b ? 1 : 0));
    }
    for (const StackService* service : view.members()) waiting[view.local(service)].push_back(service);
    for (std::size_t a = 0; a < n; ++a) {
        std::sort(waiting[a].begin(), waiting[a].end(),
                  [](const StackService* x, const StackService* y) { return x->name < y->name; });
        const Tier* tier = waiting[a].empty() ? nullptr : input.tier_of(waiting[a].front()->name);
        off_tier[a] = !tier || tier->network != network;
    }
    std::vector<bool> blamed(input.model.services.size(), false);
    auto is_blamed = [&](const StackService* service) {
        return blamed[static_cast<std::size_t>(service - input.model.services.data())];
    };
    auto rank = [&](std::size_t a) { return std::make_tuple(open[a], off_tier[a], waiting[a].back()->name); };
    while (left > 0) {
        std::size_t best = n;
        for (std::size_t a = 0; a < n; ++a) {
            if (waiting[a].empty() || open[a] <= 0) continue;
            if (best == n || rank(a) > rank(best)) best = a;
        }
        const StackService* culprit = waiting[best].back();
        waiting[best].pop_back();
        // Its paths in the order of (from, to) in the network's member order.
        std::vector<Path> shown;
        const Members& members = view.members();
        auto position = std::find(members.begin(), members.end(), culprit);
        auto take = [&](auto first, auto last, bool culprit_opens) {
            for (auto it = first; it != last && shown.size() < shown_paths; ++it) {
                const StackService* other = *it;
                if (other == culprit || is_blamed(other)) continue;
                const StackService* from = culprit_opens ? culprit : other;
                const StackService* to = culprit_opens ? other : culprit;
                if (forbidden(view.local(from), view.local(to))) shown.push_back(judge.judge(from, to));
            }
        };
        take(members.begin(), position, false);
        take(members.begin(), members.end(), true);
        take(position + 1, members.end(), false);
        std::size_t total = static_cast<std::size_t>(open[best]);
        left -= open[best];
        for (std::size_t a = 0; a < n; ++a) open[a] -= shared[a][best];
        blamed[static_cast<std::size_t>(culprit - input.model.services.data())] = true;
        std::string reverse = input.contract.policy.reverse_allow ? "" : " (policy reverse: deny)";
        out.add("MESH003", culprit->name, attachment_location(*culprit, network),
                fmt::format("{} on {} opens paths that no flow allows{}: {}", culprit->name, network, reverse,
                            list_paths(shown, total)),
                fmt::format("detach {} from {} if these paths must not exist; otherwise allow them with a flow{}",
                            culprit->name, network, every_port_hint(shown)));
    }
}

// One note per service that opens reverse paths; a pair on several networks is noted on the
// first one it shares.
void report_reverse_notes(const NetworkView& view, const std::string& network, PathJudge& judge, Findings& out) {
    auto noted = [&](std::size_t from, std::size_t to) {
        return view.verdict(from, to) == PathVerdict::reverse && view.noted_here(from, to);
    };
    for (const StackService* opener : view.members()) {
        std::size_t mine = view.local(opener);
        std::size_t total = view.count_from(mine, noted);
        if (total == 0) continue;
        std::vector<Path> shown;
        for (const StackService* other : view.members()) {
            if (shown.size() == shown_paths) break;
            if (other != opener && noted(mine, view.local(other))) shown.push_back(judge.judge(opener, other));
        }
        Finding& note = out.add("MESH003", opener->name, attachment_location(*opener, network),
                                fmt::format("reverse paths over {} (policy reverse: allow): {}", network,
                                            list_paths(shown, total)),
                                "nothing to change under reverse: allow; closing them takes host firewall rules "
                                "(docs/rules.md#mesh003)");
        note.severity = Severity::note;
    }
}

// Whether a path from a fresh member of a tier to a target is the reverse of a path the target
// may open to some other member (Reachability::reverse_of for a tier probe), without asking
// every member for every target, which is the tier's size squared. Whether a target may reach
// a member depends on the target's policy role, not its name, except that a service is no
// reverse of itself: per role, the first target asked (the probe) and the first two other
// members it reaches stand for every target of that role.
class TierReverses {
public:
    TierReverses(const RuleInput& input, std::string tier) : input_(input), tier_(std::move(tier)) {}

    bool of(const StackService& target) {
        auto [it, added] = roles_.try_emplace(input_.policy.role_of(target.name));
        Role& role = it->second;
        if (added) {
            role.probe = target.name;
            for (const ServiceSpec& member : input_.contract.services) {
                if (role.reached.size() == 2) break;
                if (member.tier == tier_ && member.name != role.probe && reaches(target.name, member.name))
                    role.reached.push_back(member.name);
            }
        }
        if (target.name == role.probe) return !role.reached.empty();
        for (const std::string& member : role.reached) {
            if (member != target.name) return true;
        }
        // No member but the probe is left to ask (the scan was complete: it stops at two).
        if (!role.probe_reached) {
            const ServiceSpec* probe = input_.spec_of(role.probe);
            role.probe_reached = probe && probe->tier == tier_ && reaches(target.name, role.probe);
        }
        return *role.probe_reached;
    }

private:
    struct Role {
        std::string probe;
        std::vector<std::string> reached;
        std::optional<bool> probe_reached;
    };

    bool reaches(const std::string& from, const std::string& member) const {
        const Party party = input_.policy.party_of(from);
        const std::vector<int>& ports = input_.policy.ports(member);
        return std::any_of(ports.begin(), ports.end(), [&](int port) { return input_.policy.may_reach(party, member, port); });
    }

    const RuleInput& input_;
    std::string tier_;
    std::map<PolicyRole, Role> roles_;
};

// A tier's network is open to every member the tier will ever have, not only to those the
// compose files name today: `run` proves it with a fresh probe of the tier (the isolation
// suite). A flow that names one service of a tier leaves the tier's other members forbidden;
// when the tier's network still carries them to the target, that is over-permission the
// service pairs do not show, as long as every service on the network is allowed (otherwise
// the target's attachment is reported with those pairs already).
void report_tier_reach(const RuleInput& input, Findings& out) {
    for (const Tier& tier : input.contract.tiers) {
        const Members on_network = input.members(tier.network);
        if (on_network.empty()) continue;
        // Two services per policy role stand for all the services with that role: one of them
        // is not the target.
        std::map<PolicyRole, int> taken;
        std::vector<std::pair<const StackService*, Party>> representatives;
        for (const StackService* member : on_network) {
            if (++taken[input.policy.role_of(member->name)] <= 2)
                representatives.emplace_back(member, input.policy.party_of(member->name));
        }
        const Party newcomer = Party::of_tier(tier.name);
        TierReverses reverses(input, tier.name);
        for (const StackService* target : on_network) {
            std::vector<int> forbidden;
            for (int port : input.policy.ports(target->name)) {
                if (input.policy.may_reach(newcomer, target->name, port)) continue;
                if (input.contract.policy.reverse_allow && reverses.of(*target)) continue;
                const bool a_service_is_forbidden =
                    std::any_of(representatives.begin(), representatives.end(), [&](const auto& representative) {
                        const auto& [other, party] = representative;
                        return other != target && !input.policy.may_reach(party, target->name, port);
                    });
                if (!a_service_is_forbidden) forbidden.push_back(port);
            }
            if (forbidden.empty()) continue;
            out.add("MESH003", target->name, attachment_location(*target, tier.network),
                    fmt::format("{} on {} is open to every member of tier {}, but the contract lets only the "
                                "services on it now reach it, not the tier: a new service of {} would reach {}:{}",
                                target->name, tier.network, tier.name, tier.name, target->name,
                                fmt::join(forbidden, ",")),
                    fmt::format("let tier {} reach {} (a flow from {}), or carry the allowed flows on a network of "
                                "their own and detach {} from {}",
                                tier.name, target->name, tier.name, target->name, tier.network));
        }
    }
}

}  // namespace

void check_over_permission(const RuleInput& input, Findings& out) {
    std::vector<std::string> networks = input.network_keys();
    const ModelPaths model(input, networks);
    PathJudge judge(input);
    for (std::size_t network = 0; network < networks.size(); ++network) {
        const Members members = input.members(networks[network]);
        const NetworkView view(model, network, members);
        report_forbidden(input, view, networks[network], judge, out);
        report_reverse_notes(view, networks[network], judge, out);
    }
}

void check_tier_over_permission(const RuleInput& input, Findings& out) { report_tier_reach(input, out); }

}  // namespace meshprobe
