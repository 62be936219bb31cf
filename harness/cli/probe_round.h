#pragma once
#include <string>
#include <vector>

#include "cli/console.h"
#include "core/check.h"
#include "engine/docker_api.h"
#include "exec/agent_pool.h"
#include "exec/executor.h"
#include "plan/stack.h"
#include "suites/plan.h"
#include "suites/suites.h"

namespace meshprobe {

// Probing a running stack, as `run` and `explain --live` do it; both hold the project's lock.

// A random id for this run's probes: their label, so that they are removed whatever happens.
std::string new_run_id();

// What a round needs on the machine: the probe binary and its image.
struct ProbeKit {
    std::string binary;
    std::string image;
};

// Removes what dead runs of the project left (but the stand-ins of the run `kept` names, which
// `run --keep` left for `run --no-up`), then finds the probe and makes sure of its image.
// InfraError when the probe cannot be found or its image made.
ProbeKit prepare_probes(Docker& docker, Docker& janitor, const std::string& project, const std::string& run_id,
                        const std::string& kept, const std::string& argv0, const Console& console);

struct RoundResult {
    std::vector<Check> checks;
    std::vector<std::string> warnings;  // what may explain failures without being one
};

// Services in the order the contract lists them, which is the order of the design.
void order_like_contract(LiveStack& stack, const Contract& contract);

// The contract's egress targets and those given as --egress-target host:port (InputError for a
// malformed one, or a bare word that would be looked up off this machine).
std::vector<EgressTarget> egress_targets(const Contract& contract, const std::vector<std::string>& extra);

// What the stack suite requires: every service the compose files define, as many times as
// they ask, those of inactive profiles and of other environments by name.
std::vector<ExpectedService> expected_services(const ComposeModel& model, const std::map<std::string, std::string>& elsewhere);

// The checks of the chosen suites, after the stack's completeness and the self-controls.
Plan make_plan(const SuiteContext& context, const std::vector<Suite>& suites);

// One round of a plan: a probe per vantage, every task once, the verdicts. The probes are
// removed before it returns, also when it throws; with `kept`, they are kept there for the
// next round instead, and removed only when the round throws or is cancelled. InfraError as
// inject_probes and execute throw it; Cancelled after Ctrl-C.
RoundResult probe_once(const Plan& plan, Docker& docker, Docker& janitor, ExecutorOptions exec, const Console& console,
                       AgentPool* kept = nullptr);

}  // namespace meshprobe
