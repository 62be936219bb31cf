#pragma once
#include <set>
#include <string>
#include <vector>

#include "engine/docker_api.h"
#include "orchestrator/orchestrator.h"

namespace meshprobe {

// What earlier runs of meshprobe left behind, and what of it was removed.
struct Leftovers {
    int probes = 0;
    int standins = 0;
    int networks = 0;
    int folders = 0;
    std::set<std::string> runs;         // the run ids they came from
    std::vector<std::string> failures;  // what could not be removed, and why

    bool empty() const { return probes + standins + networks + folders == 0 && failures.empty(); }
    // "2 probe containers, 8 stand-ins and 4 networks of run 1234-56"
    std::string describe() const;
};

// The pid a run id begins with ("<pid>-<random>"), or 0.
int pid_of_run(const std::string& run_id);
bool process_alive(int pid);
// Whether the process a run id names is alive; false for an id that names none.
bool run_alive(const std::string& run_id);

// Removes what meshprobe made for the orchestrator's stack and no live run owns: probe containers and
// stand-ins of runs whose process is gone, with the networks of their stack, except the stand-ins of
// `kept_run` (kept on purpose with --keep). Call it holding the project's lock, which is what
// proves that no other run of the project is alive. Also removes temporary folders of
// meshprobe processes that are gone.
Leftovers remove_leftovers(Docker& docker, const Orchestrator& orchestrator, const std::string& own_run,
                           const std::string& kept_run);

enum class Sweep { once, until_quiet };

// Removes this run's own stand-ins one at a time, and the networks of their stack once none is
// left. One at a time because engine 20.10 loses count of a network's endpoints when several
// containers on it go at once (compose's parallel `down`), and then refuses to remove the
// network until dockerd restarts. compose stopped in the middle of `up` (Ctrl-C) leaves the
// engine creating containers for a moment after its `down` has run; `until_quiet` sweeps until
// two passes in a row find nothing (at most ~5 s).
Leftovers remove_own_standins(Docker& docker, const Orchestrator& orchestrator, const std::string& run_id,
                              Sweep sweep = Sweep::until_quiet);

// The projects with anything of meshprobe's in the engine, for `clean --all`; a container
// whose project label (meshprobe's, else the orchestrator's stack) is not a compose project
// name is skipped, with a warning naming it.
struct LabelledProjects {
    std::set<std::string> projects;
    std::vector<std::string> skipped;
};
LabelledProjects projects_with_leftovers(Docker& docker, const Orchestrator& orchestrator);

// The folder a run writes its stand-in file to; named after the run, so that a later run
// can tell whether its owner is alive. InfraError when it cannot be created.
std::string make_run_folder(const std::string& run_id);

}  // namespace meshprobe
