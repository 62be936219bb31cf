#include "rules/rule_input.h"

#include "rules/rule_catalog.h"

namespace meshprobe {

RuleInput::RuleInput(const Contract& contract_, const ComposeModel& model_)
    : contract(contract_), model(model_), policy(contract_, declared_ports(contract_, model_)) {
    for (const ServiceSpec& spec : contract.services) {
        specs_.emplace(spec.name, &spec);
        if (const Tier* tier = spec.tier.empty() ? nullptr : contract.find_tier(spec.tier))
            tiers_.emplace(spec.name, tier);
    }
    for (const ComposeService& service : model.services) services_.emplace(service.name, &service);
}

const Tier* RuleInput::tier_of(const std::string& service) const {
    auto it = tiers_.find(service);
    return it == tiers_.end() ? nullptr : it->second;
}

const ServiceSpec* RuleInput::spec_of(const std::string& service) const {
    auto it = specs_.find(service);
    return it == specs_.end() ? nullptr : it->second;
}

const ComposeService* RuleInput::service(const std::string& name) const {
    auto it = services_.find(name);
    return it == services_.end() ? nullptr : it->second;
}

std::vector<const ComposeService*> RuleInput::members(const std::string& network) const {
    std::vector<const ComposeService*> out;
    for (const ComposeService& service : model.services) {
        if (service.mode().on_networks() && service.attachment(network)) out.push_back(&service);
    }
    return out;
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
