#pragma once
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/stack_model.h"
#include "contract/contract.h"
#include "rules/finding.h"
#include "policy/reachability.h"
#include "topology/service_reach.h"
#include "topology/topology.h"

namespace meshprobe {

// What every rule reads: the contract, one environment's compose model, and the contract's
// answer to "may A reach B on p?", which the runtime suites use too.
struct RuleInput {
    RuleInput(const Contract& contract, const StackModel& model);

    const Contract& contract;
    const StackModel& model;
    Reachability policy;
    // The model every command reads, its paths as classes (never expanded into pairs here):
    // the path rules are queries on it.
    Topology topology;
    // Services some environment of the contract defines (check_files fills it); nullptr: none.
    const std::set<std::string>* defined_in_any_environment = nullptr;

    // The tier the contract gives a service; nullptr when it has none.
    const Tier* tier_of(const std::string& service) const;
    // The contract's entry for a service; nullptr when it has none.
    const ServiceSpec* spec_of(const std::string& service) const;
    // The compose service of that name; nullptr when the model has none.
    const StackService* service(const std::string& name) const;
    // Where a service's connections start and end (topology/service_reach.h).
    const ServiceReach& reach(const StackService& service) const;
    // The services whose paths a network carries, in model order: those attached to it, their
    // sidecars, and host services (the host reaches every bridge). The pseudo networks "host"
    // and "bridge" hold the host services, and those with the bridge (docker0) as well.
    std::vector<const StackService*> members(const std::string& network) const;
    // The services with their own network namespace attached to a network, in model order:
    // those whose names the network's DNS answers.
    std::vector<const StackService*> attached(const std::string& network) const;
    // The keys of every network some path runs on: the model's, those only attachments name,
    // then "host" and "bridge" where some service is there.
    std::vector<std::string> network_keys() const;

private:
    // Rules ask for every pair of services; the contract's own lookups are linear.
    std::unordered_map<std::string, const ServiceSpec*> specs_;
    std::unordered_map<std::string, const Tier*> tiers_;
    std::unordered_map<std::string, const StackService*> services_;
    std::vector<ServiceReach> reaches_;  // per service of the model
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
