#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "compose/child_process.h"

namespace meshprobe {

// What `-p`, `-f`, `--project-directory`, `--env-file` and `--profile` say to compose.
struct ComposeProject {
    std::string name;
    std::vector<std::string> files;  // absolute paths, merged in order
    std::string project_directory;   // empty: compose's default (the first file's folder)
    std::vector<std::string> env_files;  // --env-file, in order; empty: none
    std::vector<std::string> profiles;
    // The engine meshprobe talks to, as a DOCKER_HOST URL: compose is pointed at the same one,
    // whatever the CLI's current context says. Empty: compose's own default.
    std::string docker_host;
};

struct ComposeRunnerOptions {
    // Polled while compose runs; when set, config() and up() end compose and throw InfraError.
    // down() ignores it: clean-up after Ctrl-C must still happen.
    const std::atomic<bool>* cancel = nullptr;
    std::chrono::seconds up_timeout{180};
    std::function<void(const std::string&)> log;  // unset: stderr
};

// The compose program found on this machine.
struct ComposeBinary {
    enum class Kind { v1, v2 };
    Kind kind = Kind::v1;
    std::string program;               // absolute path of `docker` (v2) or `docker-compose` (v1)
    std::vector<std::string> prefix;   // {"compose"} for v2
    std::string version;               // e.g. "1.29.2"

    std::string flavour() const;       // "v1 1.29.2", "v2 2.24.6"
};

// `docker compose` (v2) when `docker compose version` works, else `docker-compose` (v1) from
// the given directories; `wanted` "v1" or "v2" takes only that one (the environment's
// MESHPROBE_COMPOSE, for a machine that has both). Throws InfraError when none is there.
ComposeBinary detect_compose_binary(const std::vector<std::string>& search_path, const std::string& wanted = {});

// Runs compose for one project. Use from one thread; only the cancel flag is shared.
class ComposeRunner {
public:
    explicit ComposeRunner(ComposeProject project, ComposeRunnerOptions options = {});

    // The merged configuration as compose renders it. Throws InputError with compose's message
    // when it rejects the files (the user's input), InfraError when compose cannot run.
    std::string config();
    // `up -d` without building or pulling. Throws InfraError with compose's output as detail.
    void up();
    // Removes the project's containers, networks and volumes. Never throws; returns compose's
    // complaint when it failed, empty when it worked.
    std::string down();
    // The shell command that runs this compose command for the project, as a person would
    // type it from any folder: the flavour found here, -p, every -f, the engine.
    std::string command_line(const std::vector<std::string>& command);
    // "v1 1.29.2" or "v2 ..."; throws InfraError when no compose is installed.
    std::string flavour();

private:
    static const ComposeBinary& binary();
    std::vector<std::string> arguments(const std::vector<std::string>& command) const;
    ChildRequest request(const std::vector<std::string>& command, std::chrono::milliseconds timeout,
                         const std::atomic<bool>* cancel) const;
    void log(const std::string& message) const;

    ComposeProject project_;
    ComposeRunnerOptions options_;
};

}  // namespace meshprobe
