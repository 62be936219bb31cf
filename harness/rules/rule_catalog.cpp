#include "rules/rule_catalog.h"

#include <algorithm>
#include <cctype>

#ifndef MESHPROBE_RULES_DOC_URL
#define MESHPROBE_RULES_DOC_URL ""
#endif

namespace meshprobe {
namespace {

RuleInfo rule(std::string id, std::string name, Severity severity, std::string help) {
    std::string anchor = id;
    std::transform(anchor.begin(), anchor.end(), anchor.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return RuleInfo{std::move(id), std::move(name), severity, std::move(help), "docs/rules.md#" + anchor};
}

std::vector<RuleInfo> make_catalog() {
    using enum Severity;
    return {
        rule("MESH000", "unused-suppression", warning,
             "A suppression in the contract matches no finding; remove it or fix its rule or service."),
        rule("MESH001", "service-without-tier", warning,
             "A compose service has no tier in the contract or its metadata, so no rule governs its paths."),
        rule("MESH002", "missing-tier-attachment", error,
             "A service is not attached to its tier's network."),
        rule("MESH003", "over-permission", error,
             "A shared network lets a service reach another that no flow allows (reverse paths are notes under reverse: allow)."),
        rule("MESH004", "broken-flow", error,
             "A flow the contract allows is carried by no network the two services share."),
        rule("MESH005", "internal-flag-mismatch", error,
             "A tier network's internal flag differs from the contract."),
        rule("MESH006", "unlisted-published-port", error,
             "A port is published that the contract does not list, on all addresses where it must be loopback, or from an internal or egress-denied tier."),
        rule("MESH007", "name-claimed-twice", error,
             "An alias or name is claimed by two services on one network, so DNS answers with the wrong service too (spoofing)."),
        rule("MESH008", "missing-alias", error,
             "A DNS alias the contract declares is missing from the service's tier network attachment."),
        rule("MESH009", "network-mode-bypass", error,
             "network_mode host, bridge, service: or container: takes a service out of the tier networks."),
        rule("MESH010", "implicit-default-network", error,
             "A service sits on the implicit default network, which every service without networks: shares."),
        rule("MESH011", "unknown-contract-name", error,
             "The contract names a tier network or a service that the compose files do not define."),
        rule("MESH012", "environment-drift", error,
             "Two environments disagree on the topology the contract fixes: tier attachments, internal flags, published ports."),
        rule("MESH013", "docker-socket-outside-edge", error,
             "The Docker socket is mounted into a service outside the edge tier; it grants control of the host."),
        rule("MESH014", "link-across-tiers", warning,
             "links: ties a service to one in another tier that no flow lets it reach."),
        rule("MESH015", "unknown-network", warning,
             "A service is attached to a network that no tier of the contract names."),
        rule("MESH016", "egress-deny-not-enforced", error,
             "A tier denies egress, but its network, or another network of one of its services, is not internal."),
        rule("MESH017", "flow-port-not-served", warning,
             "A flow allows a port that none of the services it leads to serves."),
        rule("MESH018", "unset-variable", warning,
             "A value that decides the topology reads a variable nothing sets, so compose reads it as blank."),
    };
}

}  // namespace

const std::vector<RuleInfo>& all_rules() {
    static const std::vector<RuleInfo> catalog = make_catalog();
    return catalog;
}

const RuleInfo* find_rule(std::string_view id) {
    for (const RuleInfo& info : all_rules()) {
        if (info.id == id) return &info;
    }
    return nullptr;
}

const std::string& built_rules_url() {
    static const std::string url = MESHPROBE_RULES_DOC_URL;
    return url;
}

std::string rule_help_uri(const RuleInfo& rule, const std::string& rules_url) {
    if (rules_url.empty()) return {};
    return rules_url + rule.doc.substr(rule.doc.find('#'));
}

}  // namespace meshprobe
