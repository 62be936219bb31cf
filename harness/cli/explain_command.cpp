#include "cli/explain_command.h"

#include <CLI/CLI.hpp>

#include <charconv>
#include <iostream>

#include "core/errors.h"
#include "reports/topology/topology_render.h"
#include "rules/model_source.h"

namespace meshprobe {
namespace {

struct Target {
    std::string service;
    std::optional<int> port;
};

Target parse_target(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos) return {text, std::nullopt};
    const std::string digits = text.substr(colon + 1);
    int port = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (error != std::errc{} || end != digits.data() + digits.size() || port < 1 || port > 65535) {
        throw InputError("'" + text + "': the port after ':' must be a number from 1 to 65535");
    }
    return {text.substr(0, colon), port};
}

std::string port_text(const TopologyPath& path) { return path.port ? std::to_string(*path.port) : "any port"; }

}  // namespace

void add_explain_command(CLI::App& app, ExplainOptions& options) {
    CLI::App* cmd = app.add_subcommand("explain", "say whether one service may reach another, and why, down to the YAML lines");
    cmd->add_option("from", options.from, "the service that opens the connection")->required();
    cmd->add_option("to", options.to, "the service it connects to, with :PORT for one port")->required();
    cmd->add_option("--format", options.format, "text or json (default text)")->check(CLI::IsMember({"text", "json"}));
}

int explain_command(const GlobalOptions& global, const ExplainOptions& options) {
    const Target target = parse_target(options.to);
    const auto [contract, environment, model] = load_contract_environment(global.contract, global.environment);

    const Topology topology = paths_between(contract, model, environment, options.from, target.service, target.port);
    const std::vector<TopologyPath>& paths = topology.paths;
    bool all_agree = true;
    for (const TopologyPath& path : paths) all_agree = all_agree && agrees(path);

    if (options.format == "json") {
        nlohmann::json out = {{"from", options.from}, {"to", target.service}, {"environment", environment},
                              {"agrees", all_agree}, {"paths", nlohmann::json::array()}};
        for (const TopologyPath& path : paths) {
            out["paths"].push_back({{"port", path.port ? nlohmann::json(*path.port) : nlohmann::json("any")},
                                    {"networks", path.networks},
                                    {"verdict", to_string(path.verdict)},
                                    {"agrees", agrees(path)},
                                    {"reason", reason_of(topology, path)}});
        }
        std::cout << out.dump(2) << "\n";
    } else {
        for (const TopologyPath& path : paths) {
            std::cout << path.from << " -> " << path.to << ":" << port_text(path) << ": " << to_string(path.verdict)
                      << (agrees(path) ? "" : " (not as the contract wants it)") << "\n  "
                      << reason_of(topology, path) << "\n";
        }
        if (!global.quiet) {
            std::cout << (all_agree ? "as the contract wants it\n"
                                    : "not as the contract wants it: a forbidden path a network carries, or an "
                                      "allowed flow no network carries\n");
        }
    }
    return all_agree ? 0 : 1;
}

}  // namespace meshprobe
