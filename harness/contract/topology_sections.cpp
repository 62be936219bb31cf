#include <fmt/format.h>
#include <fmt/ranges.h>

#include "contract/address_syntax.h"
#include "contract/contract_sections.h"
#include "contract/flow_sides.h"
#include "contract/suggest.h"
#include "core/errors.h"

namespace meshprobe {

namespace {

Tier read_tier(const Mapping::Entry& entry, const Contract& contract) {
    Mapping fields(entry.value, {"network", "internal", "egress"});
    Tier tier;
    tier.name = entry.key;
    tier.where = entry.key_where();
    Value network = fields.require("network");
    tier.network = network.text();
    if (tier.network.empty()) network.fail(fmt::format("{} needs a network name", network.path()));
    if (const Tier* other = contract.tier_of_network(tier.network))
        network.fail(
            fmt::format("network '{}' already belongs to tier '{}' (line {}); a network "
                        "carries one tier",
                        tier.network, other->name, other->where.line));
    if (auto internal = fields.get("internal")) tier.internal = internal->flag();
    if (auto egress = fields.get("egress"))
        tier.egress = egress->choice({"allow", "deny"}) == "allow" ? Egress::allow : Egress::deny;
    return tier;
}

std::vector<PublishRule> read_publish(const Value& list) {
    std::vector<PublishRule> rules;
    for (const Value& item : list.items()) {
        std::string written = item.text();
        try {
            for (PublishRule rule : parse_publish(written)) {
                rule.where = item.where();
                rules.push_back(rule);
            }
        } catch (const SyntaxError& error) {
            item.fail(fmt::format("{} '{}' is not '[host_ip:]port[/tcp|udp]': {}", item.path(),
                                  written, error.what()));
        }
    }
    return rules;
}

// Aliases are DNS names on the tier network, so one name must not point at two services.
void read_aliases(const Value& list, ServiceSpec& service, const Contract& contract) {
    for (const Value& item : list.items()) {
        std::string alias = item.text();
        if (alias.empty()) item.fail(fmt::format("{} is empty", item.path()));
        for (const ServiceSpec& other : contract.services) {
            for (const std::string& taken : other.aliases) {
                if (taken == alias)
                    item.fail(fmt::format("alias '{}' is already claimed by service '{}' (line {})",
                                          alias, other.name, other.where.line));
            }
        }
        for (const std::string& taken : service.aliases) {
            if (taken == alias) item.fail(fmt::format("alias '{}' is listed twice", alias));
        }
        service.aliases.push_back(alias);
    }
}

ServiceSpec read_service(const Mapping::Entry& entry, const Contract& contract) {
    Mapping fields(entry.value, {"tier", "ports", "publish", "aliases"});
    ServiceSpec service;
    service.name = entry.key;
    service.where = entry.key_where();
    if (auto tier = fields.get("tier")) {
        check_tier_name(contract, *tier);
        service.tier = tier->text();
    }
    if (auto ports = fields.get("ports")) {
        // A service that listens on nothing says so: without a known port Docker's every port is judged.
        if (ports->given() && ports->node->is_scalar() && !ports->node->quoted && ports->node->scalar == "none") {
            service.listens = false;
        } else {
            service.ports = ports->ports();
        }
    }
    if (auto publish = fields.get("publish")) service.publish = read_publish(*publish);
    if (auto aliases = fields.get("aliases")) read_aliases(*aliases, service, contract);
    return service;
}

std::vector<FlowSide> read_flow_side(const Contract& contract, const Value& side) {
    std::vector<FlowSide> names;
    for (const Value& item : side.items(true))
        names.push_back(resolve_flow_side(contract, item.text(), item.where()));
    if (names.empty()) side.fail(fmt::format("{} names no tier or service", side.path()));
    return names;
}

Flow read_flow(const Contract& contract, const Value& item) {
    Mapping fields(item, {"from", "to", "ports"});
    Flow flow;
    flow.where = item.where();
    flow.from = read_flow_side(contract, fields.require("from"));
    flow.to = read_flow_side(contract, fields.require("to"));
    if (auto ports = fields.get("ports")) flow.ports = ports->ports();
    return flow;
}

}  // namespace

void read_tiers(const Value& tiers, Contract& contract) {
    Mapping entries(tiers);
    if (entries.entries().empty())
        tiers.fail("tiers needs at least one tier, e.g. `data: {network: data_tier}`");
    // Every entry's mistakes at once; an entry with one is kept by name, so that what names it
    // later is not blamed for it too.
    InputErrorList errors;
    for (const Mapping::Entry& entry : entries.entries()) {
        if (!errors.attempt([&] { contract.tiers.push_back(read_tier(entry, contract)); }))
            contract.tiers.push_back(Tier{entry.key, {}, false, Egress::allow, entry.key_where()});
    }
    errors.throw_if_any();
}

void read_services(const Value& services, Contract& contract) {
    Mapping entries(services);
    InputErrorList errors;
    for (const Mapping::Entry& entry : entries.entries()) {
        if (!errors.attempt([&] { contract.services.push_back(read_service(entry, contract)); })) {
            ServiceSpec named;
            named.name = entry.key;
            named.where = entry.key_where();
            contract.services.push_back(std::move(named));
        }
    }
    errors.throw_if_any();
}

void read_flows(const Value& flows, Contract& contract) {
    InputErrorList errors;
    for (const Value& item : flows.items())
        errors.attempt([&] { contract.flows.push_back(read_flow(contract, item)); });
    errors.throw_if_any();
}

void check_tier_name(const Contract& contract, const Value& written) {
    std::string name = written.text();
    if (contract.find_tier(name)) return;
    std::vector<std::string> names;
    for (const Tier& tier : contract.tiers) names.push_back(tier.name);
    std::string hint = did_you_mean(name, names);
    if (hint.empty()) hint = fmt::format("; the tiers are {}", fmt::join(names, ", "));
    written.fail(fmt::format("unknown tier '{}'{}", name, hint));
}

void check_aliases_are_unambiguous(const Contract& contract) {
    for (const ServiceSpec& service : contract.services) {
        for (const std::string& alias : service.aliases) {
            const ServiceSpec* owner = contract.find_service(alias);
            if (owner && owner != &service)
                throw InputError(service.where,
                                 fmt::format("alias '{}' of service '{}' is the name of another "
                                             "service ({})",
                                             alias, service.name, owner->where.str()));
        }
    }
}

}  // namespace meshprobe
