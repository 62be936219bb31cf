#pragma once
#include <string>
#include <vector>

#include "core/console.h"
#include "engine/docker_api.h"
#include "exec/agent_pool.h"
#include "exec/executor.h"
#include "live/stack.h"
#include "orchestrator/orchestrator.h"
#include "probeplan/probe_plan.h"

namespace meshprobe {

// One probe round on a running stack, as `run`, `watch` and `explain --live` make it, holding
// the project's lock; suites/run_plan.h makes the plan.

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
ProbeKit prepare_probes(Docker& docker, Docker& janitor, const Orchestrator& orchestrator, const std::string& run_id,
                        const std::string& kept, const std::string& argv0, const Console& console);

struct ProbeRound {
    Results results;                    // per task of the plan; suites/ judges them
    std::vector<std::string> warnings;  // what may explain failures without being one
};

// One round of a plan: a probe per vantage, every task once. The probes are
// removed before it returns, also when it throws; with `kept`, they are kept there for the
// next round instead, and removed only when the round throws or is cancelled. InfraError as
// inject_probes and execute throw it; Cancelled after Ctrl-C.
ProbeRound probe_once(const Plan& plan, Docker& docker, Docker& janitor, ExecutorOptions exec, const Console& console,
                       AgentPool* kept = nullptr);

}  // namespace meshprobe
