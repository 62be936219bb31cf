#include "reports/topology/network_doc.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

#include "core/cancelled.h"
#include "policy/publishing.h"
#include "reports/markdown.h"
#include "reports/report_paths.h"
#include "reports/topology/network_troubleshooting.h"
#include "reports/topology/topology_render.h"
#include "topology/exposure.h"

namespace meshprobe {
namespace {

std::string joined(const std::vector<std::string>& items) { return fmt::format("{}", fmt::join(items, ", ")); }

std::string side_text(const std::vector<FlowSide>& side) {
    std::vector<std::string> names;
    for (const FlowSide& s : side) names.push_back(s.str());
    return joined(names);
}

std::string ports_text(const std::vector<int>& ports) {
    std::vector<std::string> out;
    for (int p : ports) out.push_back(std::to_string(p));
    return out.empty() ? "all the target's ports" : joined(out);
}

std::string published_text(const PortMapping& p) { return describe_published(p); }

void tiers(std::string& out, const Topology& t) {
    out += "## Tiers\n\n| tier | network | internal | egress | services |\n| --- | --- | --- | --- | --- |\n";
    std::map<std::string, std::vector<std::string>> members_of;
    for (const TopologyService& s : t.services) members_of[s.tier].push_back(s.name);
    for (const TopologyTier& tier : t.tiers) {
        const std::vector<std::string>& members = members_of[tier.name];
        out += fmt::format("| {} | {} | {} | {} | {} |\n", tier.name, tier.network, tier.internal ? "yes" : "no",
                           tier.egress == Egress::deny ? "deny" : "allow", table_cell(joined(members)));
    }
    out += "\n";
}

// The contract's entry of each service, found by name: a stack has thousands.
std::map<std::string, const ServiceSpec*> specs_of(const Contract& contract) {
    std::map<std::string, const ServiceSpec*> out;
    for (const ServiceSpec& spec : contract.services) out.emplace(spec.name, &spec);
    return out;
}

const ServiceSpec* spec_of(const std::map<std::string, const ServiceSpec*>& specs, const std::string& name) {
    auto it = specs.find(name);
    return it == specs.end() ? nullptr : it->second;
}

void services(std::string& out, const Topology& t, const Contract& contract) {
    const auto specs = specs_of(contract);
    out += "## Services\n\n| service | tier | ports | published | aliases | networks |\n| --- | --- | --- | --- | --- | --- |\n";
    for (const TopologyService& s : t.services) {
        std::vector<std::string> ports, published, aliases, networks;
        for (int p : s.ports) ports.push_back(std::to_string(p));
        for (const PortMapping& p : s.published) published.push_back(published_text(p));
        for (const TopologyAttachment& a : s.attachments) {
            networks.push_back(a.network);
            for (const std::string& alias : a.aliases) aliases.push_back(alias);
        }
        if (const ServiceSpec* spec = spec_of(specs, s.name)) {
            for (const std::string& alias : spec->aliases) {
                if (std::find(aliases.begin(), aliases.end(), alias) == aliases.end()) aliases.push_back(alias);
            }
            if (!spec->listens) ports = {"none"};
        }
        out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", s.name, table_cell(s.tier), table_cell(joined(ports)),
                           table_cell(joined(published)), table_cell(joined(aliases)),
                           table_cell(s.network_mode.empty() ? joined(networks) : "network_mode: " + s.network_mode));
    }
    out += "\n";
    bool any = false;
    std::string details = "### Service metadata\n\n| service | role | owner tags | internal endpoints | security profile |\n"
                          "| --- | --- | --- | --- | --- |\n";
    int covered = 0;
    for (const TopologyService& s : t.services) {
        const ServiceSpec* spec = spec_of(specs, s.name);
        if (!spec || spec->metadata_where.file.empty()) continue;
        ++covered;
        any = true;
        details += fmt::format("| {} | {} | {} | {} | {} |\n", s.name, table_cell(spec->role), table_cell(joined(spec->tags)),
                               table_cell(joined(spec->internal_endpoints)), table_cell(spec->security_profile));
    }
    const int total = static_cast<int>(t.services.size());
    out += fmt::format("Service metadata coverage: {}% ({} of {} services have a metadata file{}).\n\n",
                       total == 0 ? 100 : covered * 100 / total, covered, total,
                       contract.metadata_dir.empty() ? "; the contract names no metadata folder" : "");
    if (any) out += details + "\n";
}

void flows(std::string& out, const Topology& t, const Contract& contract, const std::string& link_base) {
    out += "## Flows\n\nThe paths the contract allows; everything else between tiers is forbidden";
    out += contract.policy.same_tier_allow ? " (services of one tier may reach each other).\n\n"
                                           : " (inside a tier too: `same_tier: deny`).\n\n";
    out += "| from | to | ports | where |\n| --- | --- | --- | --- |\n";
    for (const Flow& flow : contract.flows) {
        out += fmt::format("| {} | {} | {} | {} |\n", table_cell(side_text(flow.from)), table_cell(side_text(flow.to)),
                           ports_text(flow.ports), table_cell(location_link(t, flow.where, link_base)));
    }
    out += "\n";
}

void diagram(std::string& out, const Topology& t, std::optional<GraphLevel> asked) {
    const GraphLevel level = asked.value_or(default_level(t));
    out += level == GraphLevel::tier
               ? "## Diagram\n\nTiers as boxes (too many services to draw one by one), allowed paths between them as "
                 "arrows, forbidden paths that a network still carries in red, allowed flows no network carries "
                 "dashed; a tier's box says when its members reach each other. `meshprobe topology --format dot "
                 "--level service` draws the services.\n\n"
               : "## Diagram\n\nTiers as boxes, allowed paths as arrows, forbidden paths that a network still "
                 "carries in red, allowed flows no network carries dashed. An arrow from or to a tier's box stands for "
                 "every service of the tier, and a tier's title says when its members reach each other.\n\n";
    // Past Mermaid's limit GitHub shows an error where the picture should be.
    const std::size_t edges = graph_edge_count(t, level);
    if (edges > kMermaidEdges) {
        out += fmt::format("The graph has {} arrows, more than the {} Mermaid draws: `meshprobe topology --format dot "
                           "--level {} | dot -Tsvg` draws it.\n\n",
                           edges, kMermaidEdges, level == GraphLevel::tier ? "tier" : "service");
        return;
    }
    out += "```mermaid\n" + to_mermaid(t, level) + "```\n\n";
}

// What the contract allows a member of `from` to open to a member of `to` (another one when
// they are the same group): flow ports by number, `own` for the target's ports no flow
// names, `all` for every port of a target with none known. Empty when there is no such pair.
std::optional<std::string> group_reach(const Topology& t, const Reachability& policy, std::size_t from, std::size_t to) {
    const ServiceGroup& sources = t.groups[from];
    const ServiceGroup& targets = t.groups[to];
    if (from == to && targets.services.size() < 2) return std::nullopt;
    const Party party = policy.party_of(sources.services.front());
    const std::string& target = targets.services[from == to ? 1 : 0];
    const PolicyRole role = policy.role_of(target);
    std::vector<std::string> ports;
    for (int port : role.flow_ports) {
        if (policy.may_reach(party, target, port)) ports.push_back(std::to_string(port));
    }
    for (int port : policy.ports(target)) {
        if (std::find(role.flow_ports.begin(), role.flow_ports.end(), port) != role.flow_ports.end()) continue;
        if (policy.may_reach(party, target, port)) ports.push_back("own");
        break;  // every port no flow names has this one's answer
    }
    if (policy.ports(target).empty() && policy.listens(target) && policy.grant_every_port(party, target))
        ports.push_back("all");
    return ports.empty() ? std::string("-") : joined(ports);
}

// The reach matrix of a large model: by group of alike services, each group listed once.
void group_reach_matrix(std::string& out, const Topology& t, const Reachability& policy) {
    out += "## Reach matrix\n\nToo many services for a row each: services the contract treats alike (one tier, the same "
           "flows, the same networks) are one group. What the contract allows a service of each group (row) to open to "
           "another service of each group (column): the ports, `own` for the target's ports that no flow names, `all` for "
           "every port, `-` for nothing.\n\n| group | tier | services |\n| --- | --- | --- |\n";
    for (const ServiceGroup& g : t.groups) out += fmt::format("| {} | {} | {} |\n", g.name, table_cell(g.tier), table_cell(joined(g.services)));
    out += "\n| from \\ to |";
    for (const ServiceGroup& g : t.groups) out += " " + g.name + " |";
    out += "\n| --- |";
    for (std::size_t i = 0; i < t.groups.size(); ++i) out += " --- |";
    out += "\n";
    for (std::size_t from = 0; from < t.groups.size(); ++from) {
        out += "| " + t.groups[from].name + " |";
        for (std::size_t to = 0; to < t.groups.size(); ++to) out += " " + group_reach(t, policy, from, to).value_or("") + " |";
        out += "\n";
    }
    out += "\n";
}

// What the contract implies, whatever the networks carry: may the row reach the column?
void reach_matrix(std::string& out, const Topology& t, const Reachability& policy) {
    if (is_large(t)) {
        group_reach_matrix(out, t, policy);
        return;
    }
    out += "## Reach matrix\n\nWhat the contract allows each service (row) to open to each other service (column): the "
           "ports, `all` for every port, `-` for nothing.\n\n| from \\ to |";
    for (const TopologyService& to : t.services) out += " " + to.name + " |";
    out += "\n| --- |";
    for (std::size_t i = 0; i < t.services.size(); ++i) out += " --- |";
    out += "\n";
    for (const TopologyService& from : t.services) {
        throw_if_cancelled();
        const Party party = policy.party_of(from.name);
        out += "| " + from.name + " |";
        for (const TopologyService& to : t.services) {
            if (to.name == from.name) {
                out += " |";
                continue;
            }
            std::vector<std::string> ports;
            for (const std::optional<int>& port : policy.judged_ports(to.name)) {
                const bool allowed = port ? policy.may_reach(party, to.name, *port)
                                          : static_cast<bool>(policy.grant_every_port(party, to.name));
                if (allowed) ports.push_back(port ? std::to_string(*port) : "all");
            }
            out += " " + (ports.empty() ? std::string("-") : joined(ports)) + " |";
        }
        out += "\n";
    }
    out += "\n";
}

void exposure(std::string& out, const Topology& t, const Contract& contract, const std::string& link_base) {
    const std::vector<Exposure> exposures = exposures_of(t, contract);
    out += "## Exposure\n\n";
    if (exposures.empty()) {
        out += "Nothing is published on the host.\n\n";
        return;
    }
    out += "| service | tier | published | allowed | risk | where |\n| --- | --- | --- | --- | --- | --- |\n";
    for (const Exposure& e : exposures) {
        out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", e.service, table_cell(e.tier), table_cell(published_text(e.port)),
                           e.allowed ? "yes" : table_cell("no: " + e.why), table_cell(joined(e.risks)), table_cell(location_link(t, e.port.where, link_base)));
    }
    out += "\n";
}

}  // namespace

std::string network_doc(const Topology& topology, const Contract& contract, const Reachability& policy,
                        const std::vector<Finding>& findings, const NetworkDocOptions& options) {
    std::string out = fmt::format("# Network design: {}\n\n", topology.project);
    out += fmt::format("Written by `meshprobe docs` from {} and the compose files of environment {}; do not edit it: "
                       "run `meshprobe docs` again (`meshprobe docs --check` says whether it is stale).\n\n",
                       std::filesystem::path(contract.path).filename().string(), topology.environment);
    tiers(out, topology);
    services(out, topology, contract);
    flows(out, topology, contract, options.link_base);
    diagram(out, topology, options.level);
    reach_matrix(out, topology, policy);
    exposure(out, topology, contract, options.link_base);
    out += troubleshooting(topology, findings, options.link_base);
    return out;
}

}  // namespace meshprobe
