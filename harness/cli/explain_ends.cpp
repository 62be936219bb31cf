#include "cli/explain_ends.h"

#include <arpa/inet.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/errors.h"
#include "core/ip_address.h"
#include "policy/publishing.h"

namespace meshprobe {
namespace {

bool is_ip_address(const std::string& text) {
    unsigned char buffer[16];
    const std::string bare = bare_address(text);
    return inet_pton(AF_INET, bare.c_str(), buffer) == 1 || inet_pton(AF_INET6, bare.c_str(), buffer) == 1;
}

const TopologyService& service_of(const Topology& stack, const std::string& name) {
    const TopologyService* service = stack.find_service(name);
    if (!service) throw InputError("compose defines no service '" + name + "'");
    return *service;
}

// Verdicts as paths_between gives them: wanted and carried, or not wanted and not carried, agree.
EndAnswer judged(std::string from, std::string to, std::optional<int> port, bool wanted, bool carried, std::string reason) {
    const char* verdict = wanted ? (carried ? "allowed" : "broken") : (carried ? "forbidden" : "blocked");
    return {std::move(from), std::move(to), port, verdict, wanted == carried, std::move(reason)};
}

}  // namespace

ExplainEnd read_explain_end(const std::string& written, const Contract& contract, const Topology& stack) {
    if (written == "host") return {ExplainEnd::Kind::host, {}, {}};
    if (is_ip_address(written)) return {ExplainEnd::Kind::outside, {}, bare_address(written)};
    if (written.starts_with("service:")) return {ExplainEnd::Kind::services, {written.substr(8)}, {}};
    const bool tier_only = written.starts_with("tier:");
    const std::string name = tier_only ? written.substr(5) : written;
    if (!tier_only && stack.find_service(name)) return {ExplainEnd::Kind::services, {name}, {}};
    if (!contract.find_tier(name)) {
        if (tier_only) throw InputError("the contract has no tier '" + name + "'");
        return {ExplainEnd::Kind::services, {name}, {}};
    }
    ExplainEnd end;
    for (const TopologyService& service : stack.services) {
        if (service.tier == name) end.services.push_back(service.name);
    }
    if (end.services.empty()) throw InputError("tier '" + name + "' has no service in the compose files");
    return end;
}

std::vector<EndAnswer> host_answers(const Contract& contract, const Topology& stack, const std::string& name,
                                    std::optional<int> port) {
    const TopologyService& service = service_of(stack, name);
    std::vector<EndAnswer> out;
    for (const PortMapping& mapping : service.published) {
        if (!mapping.published || (port && (*port < mapping.host_port || *port > mapping.host_port_end))) continue;
        const PublishDecision decision =
            judge_publish(contract, name, mapping.host_ip, mapping.host_port, mapping.protocol);
        const std::string where = mapping.where.file.empty() ? "" : " (" + mapping.where.str() + ")";
        out.push_back(judged("host", name, mapping.host_port, bool(decision), true,
                             fmt::format("{} publishes {}{}; the contract {}", name, describe_published(mapping), where,
                                         decision ? "allows it" : "does not list it in its publish entries")));
    }
    if (out.empty()) {
        // Nothing published: agreed, unless the contract wants something published there.
        const ServiceSpec* spec = contract.find_service(name);
        bool wanted = false;
        if (spec) {
            for (const PublishRule& rule : spec->publish) wanted = wanted || !port || rule.port == *port;
        }
        out.push_back(judged("host", name, port, wanted, false,
                             name + " publishes no port" + (port ? " " + std::to_string(*port) : std::string{}) +
                                 (wanted ? "; the contract wants it published (" + spec->where.str() + ")" : "")));
    }
    return out;
}

std::vector<EndAnswer> outside_answers(const Contract& contract, const Topology& stack, const std::string& name,
                                       const std::string& address, std::optional<int> port) {
    const TopologyService& service = service_of(stack, name);
    std::vector<std::string> open;
    for (const TopologyAttachment& attachment : service.attachments) {
        const TopologyNetwork* network = stack.find_network(attachment.network);
        if (network && !network->internal) open.push_back(network->key);
    }
    const Tier* tier = service.tier.empty() ? nullptr : contract.find_tier(service.tier);
    const bool wanted = !tier || tier->egress == Egress::allow;
    const std::string carried = open.empty() ? "no network of " + name + " leads outside (each is internal)"
                                             : fmt::format("{} lead{} outside (not internal)", fmt::join(open, ", "),
                                                         open.size() == 1 ? "s" : "");
    const std::string contract_says =
        tier ? fmt::format("tier {} has egress: {} ({})", tier->name, wanted ? "allow" : "deny", tier->where.str())
             : name + " has no tier, and egress is allowed by default";
    return {judged(name, address, port, wanted, !open.empty(), carried + "; " + contract_says)};
}

}  // namespace meshprobe
