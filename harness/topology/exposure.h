#pragma once
#include <optional>
#include <string>
#include <vector>

#include "contract/contract.h"
#include "policy/publishing.h"
#include "topology/topology.h"

namespace meshprobe {

// Port exposure (`meshprobe audit`): every published port of the model (the compose files'
// or, live, the engine's bindings), with whether the contract allows it and what makes it
// risky. The decision is the one MESH006 and the ports suite make (policy/publishing.h).
// What the outside host of `audit --lan-probe` met when it connected to a binding from the LAN.
struct LanReach {
    std::string target;   // where it connected: "198.19.0.5:5432", "[2001:db8:6d70:1::1]:80"
    std::string outcome;  // connected | refused | no answer | unreachable | "not probed: <why>"
    bool reachable = false;
    bool probed = false;
};

struct Exposure {
    std::string service;
    std::string tier;
    PortMapping port;
    bool allowed = true;
    std::string why;                 // when not allowed: what the contract says instead
    std::vector<std::string> risks;  // "all interfaces", "IPv6", "loopback only", "data tier", "random port"
    std::optional<LanReach> lan;     // with --lan-probe
};

std::vector<Exposure> exposures_of(const Topology& topology, const Contract& contract);

// The words of a publish verdict, one wording for every reader: MESH006, `audit`, `docs`,
// `watch` and `run`'s ports suite.
// Why `decision` (not allowed) refuses host port `host_port`/`protocol` of `service`.
std::string refusal_words(const PublishDecision& decision, const std::string& service, int host_port,
                          const std::string& protocol);
// Every reason the contract refuses `port` of `service`, each said once; empty when it allows it.
std::vector<std::string> publish_refusals(const Contract& contract, const std::string& service, const PortMapping& port);
// "db publishes 5432 on all addresses (container 5432/tcp): <why>": a refused mapping named.
std::string refused_publish_text(const std::string& service, const PortMapping& port, const std::string& why);
// What to do about a refused mapping.
extern const char* const kPublishFix;

// Where an outside host on the link (host_v4 / host_v6: the host's addresses on it) connects
// to reach this binding as a LAN peer would: the binding's own address when it names one that
// is not loopback, else the host's address on the link of the binding's family. Empty when a
// connect proves nothing (UDP, no host port, an IPv6 binding without IPv6 on the link), with
// the reason in `why`.
std::string lan_address(const PortMapping& port, const std::string& host_v4, const std::string& host_v6,
                        std::string& why);

// The verdict with the LAN's answer in it: a binding the contract allows on loopback only
// breaks it when the LAN reaches it anyway.
void judge_lan_reach(Exposure& exposure, LanReach reach);

// A socket listening on the host (from /proc/net/{tcp,tcp6,udp,udp6}), and the published
// port that explains it, if any: the engine's docker-proxy listens on each binding.
struct HostListener {
    std::string protocol;  // tcp | udp
    std::string address;   // "0.0.0.0", "::", "127.0.0.1", ...
    int port = 0;
    std::string explained_by;  // "service:port" of the binding on that port, or empty
};

// Parses one /proc/net table; `protocol` is "tcp" or "udp", `ipv6` for the *6 tables. Only
// listening TCP sockets and unconnected UDP ones are taken.
std::vector<HostListener> parse_proc_net(const std::string& table, const std::string& protocol, bool ipv6);
// Every listener of the host's network namespace, each matched to an exposure on its port.
std::vector<HostListener> host_listeners(const std::vector<Exposure>& exposures, const std::string& proc = "/proc");

}  // namespace meshprobe
