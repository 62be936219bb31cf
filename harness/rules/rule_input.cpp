#include "rules/rule_input.h"

#include <algorithm>

#include "rules/rule_catalog.h"

namespace meshprobe {

RuleInput::RuleInput(const Contract& contract_, const StackModel& model_)
    : contract(contract_),
      model(model_),
      policy(contract_, declared_ports(contract_, model_)),
      topology(build_topology(contract_, model_, "", policy, PathForm::classes)) {
    for (const ServiceSpec& spec : contract.services) {
        specs_.emplace(spec.name, &spec);
        if (const Tier* tier = spec.tier.empty() ? nullptr : contract.find_tier(spec.tier))
            tiers_.emplace(spec.name, tier);
    }
    for (const StackService& service : model.services) {
        services_.emplace(service.name, &service);
        reaches_.push_back(reach_of(model, service));
    }
}

const ServiceReach& RuleInput::reach(const StackService& service) const {
    return reaches_[static_cast<std::size_t>(&service - model.services.data())];
}

const Tier* RuleInput::tier_of(const std::string& service) const {
    auto it = tiers_.find(service);
    return it == tiers_.end() ? nullptr : it->second;
}

const ServiceSpec* RuleInput::spec_of(const std::string& service) const {
    auto it = specs_.find(service);
    return it == specs_.end() ? nullptr : it->second;
}

const StackService* RuleInput::service(const std::string& name) const {
    auto it = services_.find(name);
    return it == services_.end() ? nullptr : it->second;
}

std::vector<const StackService*> RuleInput::members(const std::string& network) const {
    using Kind = ServiceReach::Kind;
    std::vector<const StackService*> out;
    for (const StackService& service : model.services) {
        const ServiceReach& r = reach(service);
        const bool on = network == "host"     ? r.kind == Kind::host
                        : network == "bridge" ? r.kind == Kind::host || r.kind == Kind::bridge
                                              : r.kind == Kind::host || std::find(r.networks.begin(), r.networks.end(),
                                                                                  network) != r.networks.end();
        if (on) out.push_back(&service);
    }
    return out;
}

std::vector<const StackService*> RuleInput::attached(const std::string& network) const {
    std::vector<const StackService*> out;
    for (const StackService& service : model.services) {
        if (service.mode().on_networks() && service.attachment(network)) out.push_back(&service);
    }
    return out;
}

std::vector<std::string> RuleInput::network_keys() const {
    std::vector<std::string> keys;
    auto add = [&](const std::string& key) {
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    };
    for (const StackNetwork& network : model.networks) add(network.key);
    for (const StackService& service : model.services) {
        for (const NetworkAttachment& attachment : service.networks) add(attachment.network);
    }
    for (const StackService& service : model.services) {
        if (reach(service).kind == ServiceReach::Kind::host) add("host");
    }
    for (const StackService& service : model.services) {
        if (reach(service).kind == ServiceReach::Kind::bridge) add("bridge");
    }
    return keys;
}

Finding& Findings::add(const std::string& rule, const std::string& service, const SourceLocation& where,
                       std::string message, std::string fix) {
    Finding finding;
    finding.rule = rule;
    const RuleInfo* info = find_rule(rule);
    finding.severity = info ? info->severity : Severity::error;
    finding.service = service;
    finding.where = where;
    finding.message = std::move(message);
    finding.fix = std::move(fix);
    finding.environments = environments_;
    findings_.push_back(std::move(finding));
    return findings_.back();
}

}  // namespace meshprobe
