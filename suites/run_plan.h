#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/stack_model.h"
#include "contract/contract.h"
#include "live/stack.h"
#include "exec/probe_round.h"
#include "probeplan/probe_plan.h"
#include "suites/suites.h"

namespace meshprobe {

// The plan of a probe round, as `run` and `watch` make it from the contract, the declared
// stack and the live one; exec/probe_round.h runs it.

struct RoundResult {
    std::vector<Check> checks;
    std::vector<std::string> warnings;  // what may explain failures without being one
};

// One probe round of the plan (exec's probe_once), judged: what `run`, `watch` and
// `explain --live` report. InfraError as probe_once.
RoundResult judged_round(const Plan& plan, Docker& docker, Docker& janitor, ExecutorOptions exec, const Console& console,
                         AgentPool* kept = nullptr);

// Services in the order the contract lists them, which is the order of the design.
void order_like_contract(LiveStack& stack, const Contract& contract);

// The contract's egress targets and those given as --egress-target host:port (InputError for a
// malformed one, or a bare word that would be looked up off this machine).
std::vector<EgressTarget> egress_targets(const Contract& contract, const std::vector<std::string>& extra);

// What the stack suite requires: every service the compose files define, as many times as
// they ask, those of inactive profiles and of other environments by name.
std::vector<ExpectedService> expected_services(const StackModel& model, const std::map<std::string, std::string>& elsewhere);

// The checks of the chosen suites, after the stack's completeness and the self-controls.
Plan make_plan(const SuiteContext& context, const std::vector<Suite>& suites);

}  // namespace meshprobe
