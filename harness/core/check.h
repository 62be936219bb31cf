#pragma once
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace meshprobe {

enum class Suite { stack, dns, reach, isolation, egress, ports };
enum class Verdict { pass, fail, error };

const char* to_string(Suite suite);
const char* to_string(Verdict verdict);
bool parse_suite(const std::string& text, Suite& out);
const std::vector<Suite>& all_suites();

// What a check wants to see.
enum class Want {
    reachable,  // some task connects, answered by the owner
    blocked,    // no task connects; a positive control must exist
    either,     // reverse path under `reverse: allow`: reached is a note, blocked is fine
    resolves,   // the name resolves, only to the owner's addresses
    nxdomain,   // the name does not resolve; a control must have resolved it elsewhere
    verdict,    // decided while planning (stack, ports policy); tasks only add evidence
};

// What the model predicts the engine does on a path, or what the probes saw of it.
enum class Reach { unknown, reachable, blocked };

const char* to_string(Want want);
const char* to_string(Reach reach);  // "" for unknown: nothing to say

// One end of a check: where a probe stands or what it aims at. Formatted (fmt, to_string) as
// docs/runtime.md spells it in ids: "db", "db#2:5432", "tier-name", "gateway:bridge", ...
struct Endpoint {
    enum class Kind {
        service,    // a service by name, one port where it applies
        replica,    // one replica of a replicated service: "name#replica"
        tier,       // a fresh probe on a tier's network
        host,       // the host's own namespace
        engine,     // the engine's word (the stack suite)
        name,       // a DNS name
        address,    // an address and port outside the stack (an egress target)
        gateway,    // a bridge's gateway, by its network key
        outside,    // meshprobe's own outside host
        container,  // a container no compose file declares, by its name
    };
    Kind kind = Kind::service;
    std::string name;          // service, tier, DNS name, address host, gateway network, container
    int replica = 0;           // replica: its number
    int port = 0;              // 0: no port
    std::string protocol = "tcp";
    std::string gateway_ip;    // gateway: set when its network has several gateways

    static Endpoint of(Kind kind, std::string name, int port = 0) {
        Endpoint e;
        e.kind = kind;
        e.name = std::move(name);
        e.port = port;
        return e;
    }
    static Endpoint service(std::string name, int port = 0) { return of(Kind::service, std::move(name), port); }
    static Endpoint replica_of(std::string name, int replica, int port = 0) {
        Endpoint e = of(Kind::replica, std::move(name), port);
        e.replica = replica;
        return e;
    }
    static Endpoint tier(std::string name) { return of(Kind::tier, std::move(name)); }
    static Endpoint host() { return of(Kind::host, "host"); }
    static Endpoint engine() { return of(Kind::engine, "engine"); }
    static Endpoint dns_name(std::string name) { return of(Kind::name, std::move(name)); }
    static Endpoint address(std::string host, int port) { return of(Kind::address, std::move(host), port); }
    static Endpoint gateway(std::string network, std::string ip = {}) {
        Endpoint e = of(Kind::gateway, std::move(network));
        e.gateway_ip = std::move(ip);
        return e;
    }
    static Endpoint outside() { return of(Kind::outside, "outside"); }
    static Endpoint container(std::string name) { return of(Kind::container, std::move(name)); }

    // The service this end belongs to (a replica's service), empty for tiers, hosts and the rest.
    std::string service_name() const { return kind == Kind::service || kind == Kind::replica ? name : std::string{}; }
    bool operator==(const Endpoint&) const = default;
};

std::string to_string(const Endpoint& endpoint);

// One runtime check of docs/runtime.md: what was expected between two ends, what was seen.
struct Check {
    Suite suite = Suite::reach;
    Endpoint from;           // vantage: a service or replica, a tier, "host", the engine
    Endpoint to;             // target: a service port, a DNS name, an address, a gateway
    Want want = Want::verdict;
    std::string expected;    // in words, e.g. "blocked (egress: deny)", "resolves to backend only"
    std::string observed;    // e.g. "connected to backend in 2.1 ms", "timeout after 1000 ms"
    Verdict verdict = Verdict::error;
    std::string note;        // e.g. "reverse path of backend -> auth-service:8002"
    nlohmann::json evidence = nlohmann::json::object();  // addresses, timings, DNS answers, control
    double seconds = 0;
    // What the model of the running stack says the engine will do, not what the contract
    // wants; and what the probes saw (unknown when they could not say).
    Reach predicted = Reach::unknown;
    Reach seen = Reach::unknown;

    // The stable id, public (docs/runtime.md): "<suite>:<from>-><to>"; "stack:<service>";
    // "ports:<service>:<port>[/<protocol>]".
    std::string id() const;
    // The model and the engine differ on this path.
    bool disagrees() const { return predicted != Reach::unknown && seen != Reach::unknown && predicted != seen; }
};

// A container that answered for a service in a run: the one the probes met, so that a
// container swapped in after the probe phase is told apart (another id, image or start time).
struct ServiceContainer {
    std::string service;     // "db", "db#2" for a replica; an undeclared container's own name
    std::string container;   // the engine's id, short (12 hex digits)
    std::string name;        // the container's name
    std::string image;       // as created from: "postgres:16"
    std::string image_id;    // "sha256:..."
    std::string started_at;  // the engine's State.StartedAt (RFC 3339)
    bool declared = true;    // false: no compose file of the project declares it
};

// The outcome of a whole `run`, which every report writer reads.
struct RunReport {
    std::string version;
    std::string contract;
    std::string environment;
    std::vector<Check> checks;
    std::vector<ServiceContainer> services{};  // who answered for each service, in the contract's order
    double seconds = 0;
    std::string infra_error;    // set when the run stopped with exit 3
    std::string compose_log;    // compose output on failure
    std::vector<std::string> warnings;  // what may explain failures without being one (kernel limits)

    int count(Verdict verdict) const;
};

}  // namespace meshprobe

// fmt prints checks' ends, wants and verdicts in the words of the reports.
template <>
struct fmt::formatter<meshprobe::Endpoint> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const meshprobe::Endpoint& endpoint, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(meshprobe::to_string(endpoint), ctx);
    }
};

template <typename Enum>
    requires std::is_same_v<Enum, meshprobe::Suite> || std::is_same_v<Enum, meshprobe::Verdict> ||
             std::is_same_v<Enum, meshprobe::Want> || std::is_same_v<Enum, meshprobe::Reach>
struct fmt::formatter<Enum> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(Enum value, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(meshprobe::to_string(value), ctx);
    }
};
