#include "exec/leftovers.h"

#include <signal.h>
#include <stdlib.h>

#include <cerrno>
#include <filesystem>

#include <fmt/format.h>

#include "core/errors.h"
#include "core/project_name.h"
#include "core/redact.h"
#include "exec/cleanup.h"
#include "exec/executor.h"

namespace fs = std::filesystem;

namespace meshprobe {
namespace {

const std::string kFolderPrefix = "meshprobe-run-";

std::string label(const ContainerInfo& c, const std::string& key) {
    auto it = c.labels.find(key);
    return it == c.labels.end() ? std::string{} : it->second;
}

std::string plural(int n, const std::string& one, const std::string& many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

void remove_container(Docker& docker, const ContainerInfo& c, int& count, Leftovers& out) {
    try {
        docker.remove_container(c.id, true);
        ++count;
        out.runs.insert(label(c, kRunLabel).empty() ? label(c, kStandinOfLabel) : label(c, kRunLabel));
    } catch (const std::exception& e) {
        out.failures.push_back(fmt::format("container {}: {}", c.name, e.what()));
    }
}

// Only for a stack of meshprobe's stand-ins: its networks are then meshprobe's too.
void remove_stack_networks(Docker& docker, const Orchestrator& stack, Leftovers& out) {
    for (const NetworkInfo& n : stack.networks(docker)) {
        try {
            docker.remove_network(n.id);
            ++out.networks;
        } catch (const std::exception& e) {
            std::string why = e.what();
            // Called only once the stack has no container left: an endpoint count is then the
            // engine's own mistake, and no API call corrects it.
            if (why.find("has active endpoints") != std::string::npos) {
                why += " (no container of the stack is left: the engine miscounted the network's endpoints, a "
                       "known Docker 20.10 fault, moby/moby#42119; only a restart of dockerd clears it)";
            }
            out.failures.push_back(fmt::format("network {}: {}", n.name, why));
        }
    }
}

void remove_dead_folders(Leftovers& out) {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(fs::temp_directory_path(), error)) {
        std::string name = entry.path().filename().string();
        if (name.rfind(kFolderPrefix, 0) != 0 || !entry.is_directory(error)) continue;
        std::string run = name.substr(kFolderPrefix.size());
        run = run.substr(0, run.rfind('-'));  // drop mkdtemp's suffix
        int pid = pid_of_run(run);
        if (pid == 0 || process_alive(pid)) continue;
        std::error_code ignored;
        if (fs::remove_all(entry.path(), ignored) > 0 && !ignored) {
            ++out.folders;
            out.runs.insert(run);
        } else {
            out.failures.push_back(fmt::format("folder {}: {}", entry.path().string(), ignored.message()));
        }
    }
}

}  // namespace

std::string Leftovers::describe() const {
    std::vector<std::string> parts;
    if (probes) parts.push_back(plural(probes, "probe container", "probe containers"));
    if (standins) parts.push_back(plural(standins, "stand-in", "stand-ins"));
    if (networks) parts.push_back(plural(networks, "network", "networks"));
    if (folders) parts.push_back(plural(folders, "temporary folder", "temporary folders"));
    std::string what = parts.empty() ? "nothing" : parts.front();
    for (std::size_t i = 1; i < parts.size(); ++i) what += (i + 1 == parts.size() ? " and " : ", ") + parts[i];
    std::vector<std::string> ids(runs.begin(), runs.end());
    std::erase(ids, std::string{});
    if (!ids.empty()) what += fmt::format(" of run{} {}", ids.size() == 1 ? "" : "s", fmt::join(ids, ", "));
    return what;
}

int pid_of_run(const std::string& run_id) {
    std::size_t dash = run_id.find('-');
    if (dash == 0 || dash == std::string::npos) return 0;
    try {
        std::size_t used = 0;
        int pid = std::stoi(run_id.substr(0, dash), &used);
        return used == dash && pid > 0 ? pid : 0;
    } catch (const std::exception&) {
        return 0;
    }
}

bool process_alive(int pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

bool run_alive(const std::string& run_id) {
    const int pid = pid_of_run(run_id);
    return pid != 0 && process_alive(pid);
}

Leftovers remove_leftovers(Docker& docker, const Orchestrator& orchestrator, const std::string& own_run,
                           const std::string& kept_run) {
    const std::string& project = orchestrator.project();
    Leftovers out;
    // Probes first: while one shares a stand-in's namespace or sits on a stack network, the
    // network cannot be removed ("has active endpoints").
    // Except the agents a live `watch` keeps between its rounds, outside the lock.
    for (const ContainerInfo& c : docker.list_containers({std::string(kProjectLabel) + "=" + project}, true)) {
        const std::string run = label(c, kRunLabel);
        if (label(c, kRoleLabel) != "probe" || run == own_run || run_alive(run)) continue;
        remove_container(docker, c, out.probes, out);
    }
    std::vector<ContainerInfo> stack = orchestrator.containers(docker, true);
    bool all_standins = !stack.empty();
    for (const ContainerInfo& c : stack) {
        std::string run = label(c, kStandinOfLabel);
        if (label(c, kRoleLabel) != "standin") {
            all_standins = false;
            continue;
        }
        // A live run's stand-ins are its own, as its probes are: the lock is not all the proof,
        // since a meshprobe on another host, or an older one, may share the engine.
        if (run == own_run || (!kept_run.empty() && run == kept_run) || run_alive(run)) {
            all_standins = false;
            continue;
        }
        remove_container(docker, c, out.standins, out);
    }
    // A stack of meshprobe's stand-ins only, of dead runs: its networks are meshprobe's too.
    // Networks of a stack with the user's containers or a live run's stand-ins in it stay.
    if (all_standins && out.standins > 0) remove_stack_networks(docker, orchestrator, out);
    remove_dead_folders(out);
    return out;
}

Leftovers remove_own_standins(Docker& docker, const Orchestrator& orchestrator, const std::string& run_id,
                              Sweep sweep) {
    Leftovers out;
    const auto pass = [&] {
        const int before = out.standins;
        for (const ContainerInfo& c : docker.list_containers({std::string(kStandinOfLabel) + "=" + run_id}, true)) {
            remove_container(docker, c, out.standins, out);
        }
        return out.standins - before;
    };
    sweep_until_quiet(pass, sweep == Sweep::once ? 1 : 20);
    if (orchestrator.containers(docker, true).empty()) remove_stack_networks(docker, orchestrator, out);
    return out;
}

LabelledProjects projects_with_leftovers(Docker& docker, const Orchestrator& orchestrator) {
    LabelledProjects out;
    for (const ContainerInfo& c : docker.list_containers({std::string(kRoleLabel)}, true)) {
        std::string project = label(c, kProjectLabel);
        if (project.empty()) project = orchestrator.stack_of(c.labels);
        if (project.empty()) continue;
        // Anyone who can start a container sets its labels: the name goes into a lock's path.
        if (!valid_project_name(project)) {
            out.skipped.push_back(fmt::format("container {} is skipped: its project label '{}' is not a compose project "
                                              "name ([a-z0-9][a-z0-9_-]*, at most {} characters)",
                                              c.name, redact(project.substr(0, kMaxProjectNameLength)),
                                              kMaxProjectNameLength));
            continue;
        }
        out.projects.insert(project);
    }
    return out;
}

std::string make_run_folder(const std::string& run_id) {
    std::string pattern = (fs::temp_directory_path() / (kFolderPrefix + run_id + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) throw InfraError("cannot create a temporary folder in " + fs::temp_directory_path().string());
    return pattern;
}

}  // namespace meshprobe
