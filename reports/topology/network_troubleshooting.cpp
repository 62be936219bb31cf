#include "reports/topology/network_troubleshooting.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "reports/markdown.h"
#include "reports/report_paths.h"
#include "rules/rule_catalog.h"

namespace meshprobe {
namespace {

// The engine's name of a compose network: what `docker network inspect` takes.
std::string engine_network(const Topology& t, const std::string& key) {
    const TopologyNetwork* network = t.find_network(key);
    return network ? network->name : key;
}

std::string tier_network(const Topology& t, const std::string& tier) {
    for (const TopologyTier& candidate : t.tiers) {
        if (candidate.name == tier) return engine_network(t, candidate.network);
    }
    return "NETWORK";
}

std::string tier_of(const Topology& t, const std::string& service) {
    const TopologyService* s = t.find_service(service);
    return s ? s->tier : "";
}

// One pair of services as an example: the first path with this verdict, by pair or by class.
struct Example {
    std::string from, to, network;
    std::optional<int> port;
};

std::optional<Example> example_path(const Topology& t, PathVerdict verdict) {
    for (const TopologyPath& p : t.paths) {
        if (p.verdict != verdict) continue;
        return Example{p.from, p.to, p.networks.empty() ? tier_network(t, tier_of(t, p.to)) : engine_network(t, p.networks.front()), p.port};
    }
    for (const PathClass& c : t.classes) {
        if (c.verdict != verdict) continue;
        const ServiceGroup &from = t.groups[c.from], &to = t.groups[c.to];
        const std::string& target = c.from == c.to && to.services.size() > 1 ? to.services[1] : to.services.front();
        std::optional<int> port;
        if (c.ports.kind == ClassPorts::Kind::port) port = c.ports.port;
        return Example{from.services.front(), target,
                       c.networks.empty() ? tier_network(t, to.tier) : engine_network(t, c.networks.front()), port};
    }
    return std::nullopt;
}

// Two services of different tiers when the stack has no path of the kind wanted.
Example any_pair(const Topology& t) {
    Example out{"FROM", "TO", "NETWORK", std::nullopt};
    if (t.services.empty()) return out;
    out.from = t.services.front().name;
    for (const TopologyService& s : t.services) {
        if (s.tier != t.services.front().tier) {
            out.to = s.name;
            break;
        }
    }
    out.network = tier_network(t, tier_of(t, out.to));
    return out;
}

std::string with_port(const Example& e) { return e.port ? fmt::format("{}:{}", e.to, *e.port) : e.to; }

void blocked_open(std::string& out, const Topology& t) {
    const std::optional<Example> found = example_path(t, PathVerdict::forbidden);
    const Example e = found.value_or(any_pair(t));
    out += "### A path that should be blocked is open\n\n";
    out += found ? fmt::format("`check` (MESH003) or `run` (the reach and isolation suites) says a service reaches one the "
                               "contract keeps it from, as {} reaches {} here. ",
                               e.from, e.to)
                 : "`check` (MESH003) or `run` (the reach and isolation suites) says a service reaches one the contract "
                   "keeps it from. ";
    out += "A network that both are attached to carries the path.\n\n";
    out += fmt::format("1. Which networks carry it, and the compose lines that attach each side: `meshprobe explain {} {}`\n", e.from, e.to);
    out += fmt::format("2. Who is attached to that network now, including containers attached by hand: `docker network "
                       "inspect {} --format '{{{{range .Containers}}}}{{{{.Name}}}} {{{{end}}}}'` (`meshprobe topology "
                       "--live` marks the ones no compose file declares)\n",
                       e.network);
    out += "3. Detach the service from that network in the compose file (the line `explain` names), or, when the path is "
           "wanted, add a flow for it to the contract.\n";
    out += "4. Prove it: `meshprobe check`, then `meshprobe run --suite reach --suite isolation`.\n\n";
}

void broken_flow(std::string& out, const Topology& t) {
    std::optional<Example> found = example_path(t, PathVerdict::broken);
    if (!found) found = example_path(t, PathVerdict::allowed);
    const Example e = found.value_or(any_pair(t));
    out += "### An allowed flow is broken\n\n";
    out += "`check` (MESH004) says no network carries a flow the contract allows, or `run`'s reach suite could not open "
           "it.\n\n";
    out += fmt::format("1. The model's answer: `meshprobe explain {} {}` (`broken`: the two share no network; attach "
                       "both to the target's tier network, `{}`)\n",
                       e.from, with_port(e), e.network);
    out += fmt::format("2. Is the target running, and healthy: `docker ps --all --filter label=com.docker.compose.project={} "
                       "--filter label=com.docker.compose.service={} --format '{{{{.Names}}}} {{{{.Status}}}}'`\n",
                       t.project, e.to);
    out += fmt::format("3. Does it listen on that port on every address, not only 127.0.0.1 (when its image has `ss`): "
                       "`docker exec \"$(container {})\" ss -ltn`\n",
                       e.to);
    out += fmt::format("4. The same path probed on the running stack from {}'s own network namespace, as `run` probes "
                       "it: `meshprobe explain --live {} {}`\n\n",
                       e.from, e.from, with_port(e));
}

void alias_unresolved(std::string& out, const Topology& t) {
    std::string owner = "SERVICE", network_key, alias = "ALIAS", from = "FROM";
    for (const TopologyService& s : t.services) {
        for (const TopologyAttachment& a : s.attachments) {
            if (a.aliases.empty() || owner != "SERVICE") continue;
            owner = s.name;
            network_key = a.network;
            alias = a.aliases.front();
        }
    }
    for (const TopologyService& s : t.services) {
        if (s.name == owner || from != "FROM") continue;
        for (const TopologyAttachment& a : s.attachments) {
            if (a.network == network_key) from = s.name;
        }
    }
    const std::string network = network_key.empty() ? "NETWORK" : engine_network(t, network_key);
    out += "### An alias does not resolve\n\n";
    out += "`run`'s dns suite says a name does not resolve, or resolves to another container. Docker's DNS "
           "(127.0.0.11 in each container) answers a service name, a `container_name` or an alias only on a network "
           "that both containers are attached to, and an alias only on the network it is declared on.\n\n";
    out += fmt::format("1. From the container that asks: `docker exec \"$(container {})\" getent hosts {}`\n", from, alias);
    out += fmt::format("2. The names the target answers to on each of its networks (`Aliases`; `DNSNames` on engine 25 and "
                       "later): `docker inspect \"$(container {})\" --format '{{{{json .NetworkSettings.Networks}}}}'`\n",
                       owner);
    out += fmt::format("3. Whether the asking container is on that network: `docker network inspect {} --format "
                       "'{{{{range .Containers}}}}{{{{.Name}}}} {{{{end}}}}'`\n",
                       network);
    out += "4. `meshprobe check` names an alias missing from its attachment (MESH008) or claimed by two services on one "
           "network (MESH007); prove the fix with `meshprobe run --suite dns`.\n\n";
}

void egress_open(std::string& out, const Topology& t) {
    const TopologyTier* tier = nullptr;
    for (const TopologyTier& candidate : t.tiers) {
        if (!tier && candidate.egress == Egress::deny) tier = &candidate;
    }
    std::string member = "SERVICE";
    for (const TopologyService& s : t.services) {
        if (tier && s.tier == tier->name && member == "SERVICE") member = s.name;
    }
    const std::string network = tier ? engine_network(t, tier->network) : "NETWORK";
    out += "### Egress is open\n\n";
    out += tier ? fmt::format("`run`'s egress suite says a service of a tier with `egress: deny` (as {} here) reached an "
                              "address outside Docker. ",
                              tier->name)
                : "No tier of this contract has `egress: deny`; for one that has: `run`'s egress suite says a service "
                  "of it reached an address outside Docker. ";
    out += "Only an `internal: true` network has no route out, and one other network of the service that is not "
           "internal gives it one.\n\n";
    out += fmt::format("1. The tier's network must say `true`: `docker network inspect {} --format '{{{{.Internal}}}}'`\n", network);
    out += fmt::format("2. Every network of the service, each must be internal: `docker inspect \"$(container {})\" "
                       "--format '{{{{range $name, $n := .NetworkSettings.Networks}}}}{{{{$name}}}} {{{{end}}}}'`\n",
                       member);
    out += "3. `meshprobe check` names what opens it: MESH016 (a network of the tier's services is not internal), MESH005 "
           "(the network's `internal` differs from the contract), MESH009 (`network_mode` takes the service off the "
           "tier's networks).\n";
    out += "4. Prove it: `meshprobe run --suite egress`.\n\n";
}

}  // namespace

std::string location_link(const Topology& topology, const SourceLocation& location, const std::string& link_base) {
    const std::string text = relative_location(location, topology.contract_dir);
    if (text.empty()) return "";
    const std::string file = relative_path(location.file, topology.contract_dir);
    if (file.empty() || file.front() == '/') return text;
    return fmt::format("[{}]({}{}{})", text, link_base, file, location.line > 0 ? "#L" + std::to_string(location.line) : "");
}

std::string troubleshooting(const Topology& t, const std::vector<Finding>& findings, const std::string& link_base) {
    std::string out = "## Troubleshooting\n\n";
    std::vector<const Finding*> open;
    for (const Finding& f : findings) {
        if (f.severity != Severity::note && !f.suppressed()) open.push_back(&f);
    }
    if (open.empty()) {
        out += "`meshprobe check` finds nothing to fix in this environment.\n\n";
    } else {
        out += "What `meshprobe check` reports now:\n\n";
        for (const Finding* f : open) {
            const std::string where = location_link(t, f->where, link_base);
            out += fmt::format("- **{}** {}{}: {} Fix: {}\n", f->rule, f->service.empty() ? "" : f->service + " ",
                               where.empty() ? "" : "(" + where + ")", f->message, f->fix);
        }
        out += "\n";
    }
    out += fmt::format("When something fails, the procedure for its kind below. Its commands run from the contract's folder "
                       "on the running stack (`meshprobe run --keep` leaves it up); they find a service's container "
                       "with this shell function:\n\n```sh\ncontainer() {{ docker ps -q --filter "
                       "label=com.docker.compose.project={} --filter label=com.docker.compose.service=\"$1\" | head -n 1; "
                       "}}\n```\n\n",
                       t.project);
    blocked_open(out, t);
    broken_flow(out, t);
    alias_unresolved(out, t);
    egress_open(out, t);
    out += "### What each rule means\n\nEach rule is described, with what it protects against and how to fix it, in "
           "meshprobe's `docs/rules.md` (installed as `share/doc/meshprobe/rules.md`).\n\n| rule | what it means |\n"
           "| --- | --- |\n";
    for (const RuleInfo& rule : all_rules()) out += fmt::format("| {} | {} |\n", rule.id, table_cell(rule.help));
    out += "\n";
    return out;
}

}  // namespace meshprobe
