#include "topology/exposure.h"

#include <arpa/inet.h>

#include <array>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/ip_address.h"

namespace meshprobe {
namespace {

std::vector<std::string> risks_of(const Contract& contract, const TopologyService& service, const PortMapping& port) {
    std::vector<std::string> out;
    const std::string ip = bare_address(port.host_ip);
    if (binds_all_addresses(ip)) {
        out.push_back("all interfaces");
    } else if (is_loopback_address(ip)) {
        out.push_back("loopback only");
    }
    if (ip.find(':') != std::string::npos && ip != "::1") out.push_back("IPv6");
    if (port.host_port == 0) out.push_back("random port");
    if (const Tier* tier = contract.find_tier(service.tier); tier && (tier->internal || tier->egress == Egress::deny)) {
        out.push_back("data tier");
    }
    return out;
}

// "0100007F" -> "127.0.0.1"; 32 hex digits of four little-endian words -> an IPv6 address.
std::string proc_address(const std::string& hex, bool ipv6) {
    std::array<unsigned char, 16> bytes{};
    const std::size_t words = ipv6 ? 4 : 1;
    if (hex.size() != words * 8) return {};
    for (std::size_t w = 0; w < words; ++w) {
        const unsigned long value = std::stoul(hex.substr(w * 8, 8), nullptr, 16);
        for (int b = 0; b < 4; ++b) bytes[w * 4 + b] = static_cast<unsigned char>((value >> (8 * b)) & 0xff);
    }
    std::array<char, INET6_ADDRSTRLEN> text{};
    return ::inet_ntop(ipv6 ? AF_INET6 : AF_INET, bytes.data(), text.data(), text.size()) ? text.data() : "";
}

}  // namespace

const char* const kPublishFix =
    "remove the port (use expose: for other containers), bind it to the address the contract lists "
    "(\"127.0.0.1:HOST:CONTAINER\"), or add it to the service's publish: in the contract";

std::string refusal_words(const PublishDecision& decision, const std::string& service, int host_port,
                          const std::string& protocol) {
    switch (decision.kind) {
        case PublishDecision::Kind::allowed: return {};
        case PublishDecision::Kind::unknown: return "the contract does not describe " + service;
        case PublishDecision::Kind::data_tier:
            return fmt::format("tier {} is {}, so nothing in it may be published", decision.tier->name,
                               decision.tier->internal ? "internal" : "egress: deny");
        case PublishDecision::Kind::wrong_address:
            return fmt::format("the contract allows {}/{} only on {}", host_port, protocol, bare_address(decision.rule->host_ip));
        case PublishDecision::Kind::unlisted: break;
    }
    return fmt::format("the contract does not list {}/{} in {}'s publish", host_port, protocol, service);
}

std::vector<std::string> publish_refusals(const Contract& contract, const std::string& service, const PortMapping& port) {
    std::vector<std::string> out;
    if (port.host_port == 0) {
        // No contract entry names a random port; only a tier that may publish nothing, or a
        // service the contract does not describe, says more.
        const PublishDecision decision = judge_publish(contract, service, port.host_ip, 1, port.protocol);
        if (decision.kind == PublishDecision::Kind::data_tier || decision.kind == PublishDecision::Kind::unknown) {
            out.push_back(refusal_words(decision, service, 0, port.protocol));
        }
        out.push_back("a random host port is never in the contract's publish list");
        return out;
    }
    for (int host_port = port.host_port; host_port <= std::max(port.host_port, port.host_port_end); ++host_port) {
        const PublishDecision decision = judge_publish(contract, service, port.host_ip, host_port, port.protocol);
        if (decision) continue;
        // A tier that may publish nothing and an undescribed service refuse every port alike: said once.
        const bool whole = decision.kind == PublishDecision::Kind::data_tier || decision.kind == PublishDecision::Kind::unknown;
        if (whole && !out.empty()) continue;
        out.push_back(refusal_words(decision, service, host_port, port.protocol));
    }
    return out;
}

std::string refused_publish_text(const std::string& service, const PortMapping& port, const std::string& why) {
    return fmt::format("{} publishes {}: {}", service, describe_published(port), why);
}

std::vector<Exposure> exposures_of(const Topology& topology, const Contract& contract) {
    std::vector<Exposure> out;
    for (const TopologyService& service : topology.services) {
        for (const PortMapping& port : service.published) {
            if (!port.published) continue;
            const std::vector<std::string> refusals = publish_refusals(contract, service.name, port);
            out.push_back(Exposure{service.name, service.tier, port, refusals.empty(), fmt::format("{}", fmt::join(refusals, "; ")),
                                   risks_of(contract, service, port), std::nullopt});
        }
    }
    return out;
}

std::string lan_address(const PortMapping& port, const std::string& host_v4, const std::string& host_v6,
                        std::string& why) {
    if (port.protocol != "tcp") {
        why = "UDP has no handshake, so a connect proves nothing";
        return {};
    }
    if (port.host_port == 0) {
        why = "no host port";
        return {};
    }
    const std::string ip = bare_address(port.host_ip);
    const bool v6 = ip.find(':') != std::string::npos;
    if (!ip.empty() && !binds_all_addresses(ip) && !is_loopback_address(ip)) return ip;
    if (v6 && host_v6.empty()) {
        why = "no IPv6 on the link";
        return {};
    }
    return v6 ? host_v6 : host_v4;
}

void judge_lan_reach(Exposure& exposure, LanReach reach) {
    const std::string ip = bare_address(exposure.port.host_ip);
    if (exposure.allowed && reach.reachable && is_loopback_address(ip)) {
        exposure.allowed = false;
        exposure.why = "bound to " + ip + " only, yet the LAN reaches it at " + reach.target;
    }
    exposure.lan = std::move(reach);
}

std::vector<HostListener> parse_proc_net(const std::string& table, const std::string& protocol, bool ipv6) {
    std::vector<HostListener> out;
    std::istringstream lines(table);
    std::string line;
    std::getline(lines, line);  // the header
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        std::string slot, local, remote, state;
        if (!(fields >> slot >> local >> remote >> state)) continue;
        const bool listening = protocol == "tcp" ? state == "0A" : state == "07";
        const auto colon = local.find(':');
        if (!listening || colon == std::string::npos) continue;
        try {
            HostListener l{protocol, proc_address(local.substr(0, colon), ipv6),
                           static_cast<int>(std::stoul(local.substr(colon + 1), nullptr, 16)), {}};
            if (!l.address.empty()) out.push_back(std::move(l));
        } catch (const std::exception&) {
            // A line this reader does not understand names no listener.
        }
    }
    return out;
}

std::vector<HostListener> host_listeners(const std::vector<Exposure>& exposures, const std::string& proc) {
    std::vector<HostListener> out;
    for (const auto& [file, protocol, ipv6] : {std::tuple{"tcp", "tcp", false}, std::tuple{"tcp6", "tcp", true},
                                               std::tuple{"udp", "udp", false}, std::tuple{"udp6", "udp", true}}) {
        std::ifstream in(proc + "/net/" + file);
        std::stringstream text;
        text << in.rdbuf();
        for (HostListener& l : parse_proc_net(text.str(), protocol, ipv6)) {
            for (const Exposure& e : exposures) {
                const int last = std::max(e.port.host_port, e.port.host_port_end);
                if (e.port.protocol == l.protocol && l.port >= e.port.host_port && l.port <= last && e.port.host_port) {
                    l.explained_by = e.service + ":" + std::to_string(e.port.container_port);
                    break;
                }
            }
            out.push_back(std::move(l));
        }
    }
    return out;
}

}  // namespace meshprobe
