#include "cli/enforce_command.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "enforce/compile.h"
#include "enforce/enforcement.h"
#include "enforce/nft.h"
#include "project/project_stack.h"
#include "topology/live_topology.h"

namespace meshprobe {

void add_enforce_command(CLI::App& app, EnforceOptions& options) {
    CLI::App* cmd = app.add_subcommand(
        "enforce", "compile the contract and the running stack into meshprobe's own nftables table, which drops what the "
                   "contract forbids and Docker lets through; prints it, or --apply, --check, --remove");
    cmd->add_option("--format", options.format, "nft or json (default nft)")->check(CLI::IsMember({"nft", "json"}));
    auto* apply = cmd->add_flag("--apply", options.apply, "install the table (atomically; again replaces it)");
    auto* remove = cmd->add_flag("--remove", options.remove, "delete the project's table (absent is fine)");
    auto* check = cmd->add_flag("--check", options.check, "say what --apply would change; exit 1 when it would change");
    apply->excludes(remove)->excludes(check);
    remove->excludes(check);
}

int enforce_command(const GlobalOptions& global, const EnforceOptions& options) {
    const auto [contract, environment, model, elsewhere] =
        load_project(global.contract, global.environment, global.orchestrator, global.compose);
    if (options.remove) {
        require_nftables();
        const std::string name = enforcement_table_name(contract.project);
        std::cout << (remove_table("inet", name) ? fmt::format("removed table inet {}\n", name)
                                                 : fmt::format("table inet {} is not installed: nothing to remove\n", name));
        return 0;
    }
    const LiveStack live = running_stack(global.docker_host, global.orchestrator, model, contract.project);
    const Topology topology = build_live_topology(contract, model, environment, live, PathForm::pairs);
    const FirewallTable table = compile_enforcement(contract, topology, live);
    if (options.check) {
        require_nftables();
        require_bridge_netfilter(table.has_ipv6());
        const std::vector<std::string> changes = table_changes(installed_table(table.family, table.name), to_nft(table));
        if (changes.empty()) {
            std::cout << fmt::format("table {} {} is up to date ({} rules)\n", table.family, table.name, table.rule_count());
            return 0;
        }
        std::cout << fmt::format("--apply would change table {} {}:\n", table.family, table.name);
        for (const std::string& line : changes) std::cout << line << "\n";
        return 1;
    }
    if (options.apply) {
        require_nftables();
        require_bridge_netfilter(table.has_ipv6());
        install_table(table);
        std::cout << fmt::format("installed table {} {} ({} rules)\n", table.family, table.name, table.rule_count());
        return 0;
    }
    std::cout << (options.format == "json" ? to_json(table).dump(2) + "\n" : to_nft(table));
    return 0;
}

}  // namespace meshprobe
