#pragma once
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "compose/compose_model.h"
#include "contract/contract.h"
#include "rules/finding.h"
#include "policy/reachability.h"

namespace meshprobe {

// What every rule reads: the contract, one environment's compose model, and the contract's
// answer to "may A reach B on p?", which the runtime suites use too.
struct RuleInput {
    RuleInput(const Contract& contract, const ComposeModel& model);

    const Contract& contract;
    const ComposeModel& model;
    Reachability policy;
    // Services some environment of the contract defines (check_files fills it); nullptr: none.
    const std::set<std::string>* defined_in_any_environment = nullptr;

    // The tier the contract gives a service; nullptr when it has none.
    const Tier* tier_of(const std::string& service) const;
    // The contract's entry for a service; nullptr when it has none.
    const ServiceSpec* spec_of(const std::string& service) const;
    // The compose service of that name; nullptr when the model has none.
    const ComposeService* service(const std::string& name) const;
    // The services with their own network namespace attached to a network, in model order.
    std::vector<const ComposeService*> members(const std::string& network) const;

private:
    // Rules ask for every pair of services; the contract's own lookups are linear.
    std::unordered_map<std::string, const ServiceSpec*> specs_;
    std::unordered_map<std::string, const Tier*> tiers_;
    std::unordered_map<std::string, const ComposeService*> services_;
};

// Where the rules of one environment put their findings; the catalog gives the severity.
// A finding about several environments (MESH012) names them all; one about the contract alone
// (MESH000) names none, and the report gives it every environment checked.
class Findings {
public:
    explicit Findings(std::string environment) : environments_{std::move(environment)} {}
    explicit Findings(std::vector<std::string> environments) : environments_(std::move(environments)) {}

    Finding& add(const std::string& rule, const std::string& service, const SourceLocation& where,
                 std::string message, std::string fix);
    std::vector<Finding> take() { return std::move(findings_); }

private:
    std::vector<std::string> environments_;
    std::vector<Finding> findings_;
};

}  // namespace meshprobe
