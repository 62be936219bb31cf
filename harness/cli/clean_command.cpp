#include "cli/clean_command.h"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <iostream>
#include <set>

#include "contract/contract_loader.h"
#include "project/compose_view.h"
#include "core/cancelled.h"
#include "core/errors.h"
#include "engine/docker_api.h"
#include "enforce/compile.h"
#include "enforce/enforcement.h"
#include "exec/interrupt.h"
#include "exec/lan_host.h"
#include "exec/leftovers.h"
#include "exec/run_lock.h"
#include "orchestrator/orchestrators.h"

namespace meshprobe {

void add_clean_command(CLI::App& app, CleanOptions& options) {
    CLI::App* cmd = app.add_subcommand("clean", "remove what meshprobe left of the project (probes, stand-ins, their networks, temporary folders, outside hosts)");
    cmd->add_flag("--all", options.all, "every project's leftovers, not only the contract's");
}

int clean_command(const GlobalOptions& global, const CleanOptions& options) {
    std::set<std::string> projects;
    if (!options.all) projects.insert(load_compose_contract(global.contract, global.compose).project);
    Docker docker(global.docker_host);
    docker.client().set_cancel_flag(&interrupted());
    const EngineName engine = engine_name(docker);  // no engine is exit 3 here, before anything is said about projects
    auto say = [&](const std::string& line) {
        if (!global.quiet) std::cerr << "meshprobe: " << line << "\n";
    };
    if (options.all) {
        LabelledProjects found = projects_with_leftovers(docker, *make_orchestrator(global.orchestrator, std::string{}));
        projects = std::move(found.projects);
        for (const std::string& warning : found.skipped) std::cerr << "meshprobe: warning: " << warning << "\n";
    }
    // Tables of `enforce --apply` whose stack is gone (enforcement.h); only root can read them.
    const bool nftables = geteuid() == 0;
    if (options.all && nftables) {
        for (const std::string& project : enforced_projects()) projects.insert(project);
    }
    int exit_code = kExitConformant;
    for (const std::string& project : projects) {
        throw_if_cancelled();
        try {
            ProjectLock lock(engine, project, "clean");
            Leftovers left = remove_leftovers(docker, *make_orchestrator(global.orchestrator, project), "", "");
            forget_kept(project_key(engine.id, project));
            say(left.probes + left.standins + left.networks + left.folders > 0
                    ? "project " + project + ": removed " + left.describe()
                    : "project " + project + ": nothing of meshprobe's to remove");
            if (nftables && make_orchestrator(global.orchestrator, project)->containers(docker, true).empty() &&
                remove_table("inet", enforcement_table_name(project))) {
                say("project " + project + ": its stack is gone; removed table inet " + enforcement_table_name(project));
            }
            for (const std::string& failure : left.failures) {
                std::cerr << "meshprobe: project " << project << ": could not remove " << failure << "\n";
                exit_code = kExitInfraError;
            }
        } catch (const InfraError& e) {
            std::cerr << "meshprobe: project " << project << ": " << e.what() << "\n";
            exit_code = kExitInfraError;
        }
    }
    // The outside hosts (`audit --lan-probe`, run's egress) of dead meshprobe processes: they
    // belong to no project, and the pid in their names says whose they were.
    if (const int hosts = remove_stale_lan_hosts(); hosts > 0) {
        say("removed " + std::to_string(hosts) + " outside host" + (hosts == 1 ? "" : "s") +
            " of dead runs (network namespace and veth)");
    }
    if (options.all && projects.empty()) {
        // Folders of dead runs belong to no project the engine knows.
        Leftovers left = remove_leftovers(docker, *make_orchestrator(global.orchestrator, std::string{}), "", "");
        say(left.folders > 0 ? "removed " + left.describe() : "nothing of meshprobe's to remove");
    }
    return exit_code;
}

}  // namespace meshprobe
