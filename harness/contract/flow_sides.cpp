#include "contract/flow_sides.h"

#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "contract/suggest.h"
#include "core/errors.h"

namespace meshprobe {

namespace {

constexpr std::string_view kTierPrefix = "tier:";
constexpr std::string_view kServicePrefix = "service:";

std::vector<std::string> tier_names(const Contract& contract) {
    std::vector<std::string> names;
    for (const Tier& tier : contract.tiers) names.push_back(tier.name);
    return names;
}

std::vector<std::string> service_names(const Contract& contract) {
    std::vector<std::string> names;
    for (const ServiceSpec& service : contract.services) names.push_back(service.name);
    return names;
}

std::vector<std::string> members_of(const Contract& contract, const std::string& tier) {
    std::vector<std::string> names;
    for (const ServiceSpec& service : contract.services) {
        if (service.tier == tier) names.push_back(service.name);
    }
    return names;
}

std::string describe_members(const std::vector<std::string>& members) {
    if (members.empty()) return "no services";
    return fmt::format("{} {}", members.size() == 1 ? "service" : "services", fmt::join(members, ", "));
}

FlowSide prefixed_tier(const Contract& contract, const std::string& name, const SourceLocation& where) {
    if (contract.find_tier(name)) return FlowSide::tier(name, true);
    const std::vector<std::string> tiers = tier_names(contract);
    std::string hint = did_you_mean(name, tiers);
    if (hint.empty()) hint = fmt::format("; the tiers are {}", fmt::join(tiers, ", "));
    throw InputError(where, fmt::format("flow names tier '{}', which is not a tier of the contract{}", name, hint));
}

FlowSide prefixed_service(const Contract& contract, const std::string& name, const SourceLocation& where) {
    if (contract.find_service(name)) return FlowSide::service(name, true);
    throw InputError(where, fmt::format("flow names service '{}', which is not a service of the contract or its "
                                        "metadata{}",
                                        name, did_you_mean(name, service_names(contract))));
}

FlowSide bare_name(const Contract& contract, const std::string& name, const SourceLocation& where) {
    const Tier* tier = contract.find_tier(name);
    const ServiceSpec* service = contract.find_service(name);
    if (tier && service) {
        // Read as the tier: it also covers a fresh probe of the tier, which stands for its one member.
        const std::vector<std::string> members = members_of(contract, name);
        if (members == std::vector<std::string>{name}) return FlowSide::tier(name);
        throw InputError(where, fmt::format("flow side '{0}' is both tier '{0}' ({1}) and service '{0}'; write "
                                            "'tier:{0}' or 'service:{0}'",
                                            name, describe_members(members)));
    }
    if (tier) return FlowSide::tier(name);
    if (service) return FlowSide::service(name);
    // Flows join tiers, not networks; naming a tier's network is the likely slip.
    for (const Tier& candidate : contract.tiers) {
        if (candidate.network == name)
            throw InputError(where, fmt::format("flow names '{}', which is the network of tier '{}'; a flow side is "
                                                "a tier or a service: write '{}'",
                                                name, candidate.name, candidate.name));
    }
    std::vector<std::string> names = tier_names(contract);
    for (std::string& known : service_names(contract)) names.push_back(std::move(known));
    const char* prefixes = name.find(':') == std::string::npos ? "" : "; a side is NAME, tier:NAME or service:NAME";
    throw InputError(where, fmt::format("flow names '{}', which is neither a tier nor a service of the contract or "
                                        "its metadata{}{}",
                                        name, did_you_mean(name, names), prefixes));
}

}  // namespace

FlowSide resolve_flow_side(const Contract& contract, const std::string& written, const SourceLocation& where) {
    for (std::string_view prefix : {kTierPrefix, kServicePrefix}) {
        if (written.rfind(prefix, 0) != 0) continue;
        const std::string name = written.substr(prefix.size());
        if (name.empty())
            throw InputError(where, fmt::format("flow side '{}' needs a name after the prefix", written));
        return prefix == kTierPrefix ? prefixed_tier(contract, name, where) : prefixed_service(contract, name, where);
    }
    return bare_name(contract, written, where);
}

void check_dependency(const Contract& contract, const std::string& name, const SourceLocation& where) {
    if (contract.find_service(name)) return;
    throw InputError(where, fmt::format("dependency '{}' is not a service of the contract or its metadata{}", name,
                                        did_you_mean(name, service_names(contract))));
}

}  // namespace meshprobe
