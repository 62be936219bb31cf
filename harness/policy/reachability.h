#pragma once
#include <functional>
#include <map>
#include <set>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/stack_model.h"
#include "contract/contract.h"

namespace meshprobe {

// Who opens a connection: a service (which belongs to its tier), or a fresh probe that
// belongs to a tier and is nobody in particular.
struct Party {
    std::string service;  // empty for a tier probe
    std::string tier;

    static Party of_service(const Contract& contract, const std::string& name);
    static Party of_tier(const std::string& tier) { return Party{"", tier}; }
    std::string name() const { return service.empty() ? tier : service; }
};

// What the policy knows of a service besides its name: its tier, the flows that name it (or
// its tier) on either side, and its ports as the flows see them. Services with equal roles are
// interchangeable: whether some port of one may or may not be reached from a third party, and
// whether it may reach that party, has the same answer for the other. Checks over a thousand
// services judge one pair per pair of roles.
struct PolicyRole {
    std::string tier;
    std::vector<bool> opens;        // per flow: the service is on its `from` side
    std::vector<bool> accepts;      // per flow: the service is on its `to` side
    std::vector<int> flow_ports;    // the service's ports that some flow names
    bool other_ports = false;       // the service serves a port that no flow names

    auto operator<=>(const PolicyRole&) const = default;
};

// The ports each compose service serves (docs/contract.md): the contract's `ports`, else
// compose's `expose` and container ports.
std::map<std::string, std::vector<int>> declared_ports(const Contract& contract, const StackModel& model);

// Why the contract lets a path exist: nothing, the service itself, its tier, or a flow.
struct Grant {
    enum class Kind { none, self, same_tier, flow };
    Kind kind = Kind::none;
    const Flow* flow = nullptr;  // the first flow that allows it, for Kind::flow

    explicit operator bool() const { return kind != Kind::none; }
};

// The contract's answer to "may A reach B on p?" (docs/contract.md), over the ports each
// service serves.
class Reachability {
public:
    Reachability(const Contract& contract, std::map<std::string, std::vector<int>> ports);

    const std::vector<int>& ports(const std::string& service) const;
    // False for a service the contract says serves no port (`ports: none`): no path to it is
    // judged, where a service with no known port is judged on every port.
    bool listens(const std::string& service) const;
    // The ports a path to `service` is judged on: its ports; `nullopt` alone ("every port")
    // when none is known, for Docker opens them all; none when it serves none.
    std::vector<std::optional<int>> judged_ports(const std::string& service) const;
    bool may_reach(const Party& from, const std::string& to, int port) const;
    // The same answer with its reason.
    Grant grant(const Party& from, const std::string& to, int port) const;
    // For a target with no known port: whether some reason covers every port (its tier, a flow
    // without ports); a flow that lists ports covers only those.
    Grant grant_every_port(const Party& from, const std::string& to) const;
    // The first flow that allows the path (on `port`, or on every port for nullopt), whatever
    // the tiers say: a flow wants its paths carried where the same tier only permits them.
    Grant flow_grant(const Party& from, const std::string& to, std::optional<int> port) const;
    bool may_reach_any(const Party& from, const std::string& to) const;
    // The flow that the path to->from is the reverse of, as "to -> from:port", or empty.
    std::string reverse_of(const Party& from, const std::string& to) const;
    bool reverse_allowed() const { return contract_.policy.reverse_allow; }
    // A service as a party, from an index (Party::of_service reads the contract's list).
    Party party_of(const std::string& service) const;
    // Computed once per service at construction: the rules ask for every service's role.
    const PolicyRole& role_of(const std::string& service) const;
    const Contract& contract() const { return contract_; }

private:
    // A flow side as sets, meaning what FlowSide::takes_in means: the rules ask for every
    // pair of a thousand services.
    struct IndexedSide {
        std::unordered_set<std::string> tiers, services;
        explicit IndexedSide(const std::vector<FlowSide>& side);
    };
    struct IndexedFlow {
        IndexedSide from, to;
        std::vector<int> ports;
    };
    static bool side_matches(const IndexedSide& side, const Party& party);
    bool same_tier(const Party& from, const Party& to) const;

    // What is asked per path about one service, found with one lookup.
    struct Known {
        std::string tier;
        std::vector<int> ports;
        bool listens = true;  // false for `ports: none`
        PolicyRole role;
    };
    const Known* known(const std::string& service) const;
    PolicyRole compute_role(const Party& party, const std::vector<int>& ports) const;

    // A party with its entry when it is a known service of its own tier: which flow sides it
    // is on is then its role's, without hashing its names per flow and per path.
    struct Resolved {
        const Party& party;
        const Known* known;
    };
    Resolved resolve(const Party& party) const;
    bool on_side(std::size_t flow, bool from_side, const Resolved& party) const;
    bool flow_allows(std::size_t flow, const Resolved& from, const Resolved& to, int port) const;
    bool flow_allows_every_port(std::size_t flow, const Resolved& from, const Resolved& to) const;
    // Itself, its tier, else the first flow `allows(flow, from, target)` accepts.
    template <typename Allows>
    Grant grant_where(const Party& from, const std::string& to, Allows allows) const;

    const Contract& contract_;
    std::vector<IndexedFlow> flows_;
    std::set<int> flow_ports_;  // every port some flow names
    // Every service the contract, the ports or a flow side names; any other name has no tier,
    // no port and no flow, which is `nobody_`'s role.
    std::unordered_map<std::string, Known> known_;
    PolicyRole nobody_;
};

}  // namespace meshprobe
