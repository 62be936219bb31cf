#pragma once
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/stack_model.h"
#include "contract/contract.h"
#include "project/compose_flags.h"
#include "rules/finding.h"

namespace meshprobe {

struct RuleInput;

// One environment of the contract, as the compose files merge for it.
struct EnvironmentModel {
    std::string name;
    StackModel model;
    // Services some environment of the contract defines: those this one lacks are not
    // unknown names (MESH011), only judged where they run.
    std::set<std::string> defined_in_any_environment;
};

// The findings of `meshprobe check`, for every report format.
struct CheckReport {
    std::string version;
    std::string contract;                    // the mesh.yaml as given
    std::vector<std::string> environments;   // in the order checked
    std::vector<Finding> findings;           // ordered by file, line, rule
    double seconds = 0;
    // What compose would read that the contract leaves out (project/compose_view.h): reported
    // beside the findings, never failing the check.
    std::vector<ComposeWarning> notifications;

    // Findings of a severity that no suppression covers.
    int count(Severity severity) const;
    int suppressed() const;
    // docs/commands.md: 1 when an unsuppressed error remains, else 0.
    int exit_code() const;
};

// Every rule of one environment, in rule order. Cancelled after Ctrl-C.
std::vector<Finding> check_environment(const Contract& contract, const StackModel& model,
                                       const std::string& environment,
                                       const std::set<std::string>& defined_in_any_environment = {});

// MESH012: what the later environments change, against the first, of the topology the
// contract fixes.
std::vector<Finding> compare_environments(const Contract& contract, const std::vector<EnvironmentModel>& models);

// Marks the findings each suppression covers with its reason, and adds a MESH000 finding for
// each suppression that covers none.
void apply_suppressions(const Contract& contract, std::vector<Finding>& findings);

// The whole check: every environment, their comparison, one finding for what several
// environments share, suppressions; sorted for reading.
CheckReport check_contract(const Contract& contract, const std::vector<EnvironmentModel>& models);

// What the rules of each environment read (rules/rule_input.h), in the models' order. It does
// not depend on the names the contract gives (check_files builds it while it checks those).
std::vector<std::unique_ptr<RuleInput>> rule_inputs(const Contract& contract, const std::vector<EnvironmentModel>& models);
// check_contract on the inputs rule_inputs built of the same contract and models.
CheckReport check_contract(const Contract& contract, const std::vector<EnvironmentModel>& models,
                           std::vector<std::unique_ptr<RuleInput>> inputs);

}  // namespace meshprobe
