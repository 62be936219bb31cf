#include "cli/watch_command.h"

#include <CLI/CLI.hpp>

namespace meshprobe {

void add_watch_command(CLI::App& app, WatchOptions& options) {
    CLI::App* cmd = app.add_subcommand("watch", "keep proving a running stack: engine events, re-probes, violations as JSON lines, metrics");
    cmd->add_option("--interval", options.interval_seconds, "seconds between probe rounds (default 60)")->check(CLI::Range(1, 86400));
    cmd->add_option("--log", options.log, "append each violation line to this file too (read first: what it leaves open stays open)");
    cmd->add_option_function<std::string>(
        "--metrics", [&options](const std::string& value) { options.metrics = value, options.metrics_given = true; },
        "serve Prometheus metrics at HOST:PORT/metrics (default 127.0.0.1:9464; not with --once unless given)");
    cmd->add_option("--webhook", options.webhook, "POST each new and resolved violation to this URL, as an issue");
    cmd->add_option("--github-issues", options.github_issues,
                    "open an issue per violation in OWNER/REPO, close it when resolved (token from GITHUB_TOKEN)");
    cmd->add_flag("--once", options.once, "judge the stack and probe it once, then exit 0 (nothing open) or 1");
}

int watch_command(const GlobalOptions& global, const WatchOptions& options, const std::string& argv0) {
    return watch::watch({global.contract, global.environment, global.docker_host, global.orchestrator, global.compose}, options,
                        Console(global), argv0);
}

}  // namespace meshprobe
