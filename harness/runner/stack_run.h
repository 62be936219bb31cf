#pragma once
#include <string>
#include <vector>

#include "core/check.h"
#include "core/console.h"
#include "project/model_source.h"
#include "suites/run_plan.h"
#include "suites/suites.h"

namespace meshprobe {

// What `run` is asked to prove (docs/commands.md, run), its flags already checked.
struct StackRunRequest {
    std::string contract_path;  // as given: recorded for `clean` and on what the run creates
    std::string docker_host;
    std::string orchestrator;   // as --orchestrator names it
    bool no_up = false;         // probe what runs; leave it as it is
    bool keep = false;          // leave the stack up afterwards
    bool standin = false;       // meshprobe's stand-ins in place of the services
    std::vector<Suite> suites;
    std::vector<EgressTarget> egress_targets;
    int wait_seconds = 120;
    std::string argv0;  // where the probe binary is found beside meshprobe
};

// The whole of `run` between the flags and the report (docs/architecture.md, "How `run`
// proves a stack"): the project's lock, the probe image, the stack brought up (or stood in,
// or found running), discovered, planned from the model of the running stack, probed once,
// judged, and taken down. Fills `report` as it goes (services, checks, warnings): when it
// throws, the report holds what was found until then.
// Throws InfraError when the engine or the orchestrator fails (the teardown too), InputError
// for a project already locked by another run, Cancelled after Ctrl-C.
void prove_stack(const ContractEnvironment& project, const StackRunRequest& request, Console& console,
                 RunReport& report);

}  // namespace meshprobe
