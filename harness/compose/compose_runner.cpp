#include "compose/compose_runner.h"

#include <cstdlib>

#include <fmt/core.h>

#include <boost/filesystem/operations.hpp>
#include <boost/process/environment.hpp>

#include "compose/child_process.h"
#include "core/errors.h"

namespace meshprobe {
namespace {

constexpr auto kQueryTimeout = std::chrono::seconds(30);
constexpr auto kConfigTimeout = std::chrono::seconds(60);
constexpr auto kDownTimeout = std::chrono::seconds(120);

std::string trim(std::string text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

// `version --short` prints "1.29.2" (v1) or "2.24.6" / "v2.24.6" (v2).
std::string short_version(const std::string& program, std::vector<std::string> args) {
    args.insert(args.end(), {"version", "--short"});
    const ChildResult result = run_child({program, args, kQueryTimeout, nullptr, {}});
    if (!result.ok()) return {};
    std::string version = trim(result.out);
    if (!version.empty() && version.front() == 'v') version.erase(0, 1);
    return version.empty() ? "unknown" : version;
}

}  // namespace

std::string ComposeBinary::flavour() const {
    return std::string(kind == Kind::v2 ? "v2 " : "v1 ") + version;
}

ComposeBinary detect_compose_binary(const std::vector<std::string>& search_path, const std::string& wanted) {
    if (!wanted.empty() && wanted != "v1" && wanted != "v2") {
        throw InfraError("MESHPROBE_COMPOSE=" + wanted + ": say v1 (docker-compose) or v2 (docker compose)");
    }
    if (const std::string docker = find_program("docker", search_path); !docker.empty() && wanted != "v1") {
        if (std::string version = short_version(docker, {"compose"}); !version.empty()) {
            return {ComposeBinary::Kind::v2, docker, {"compose"}, std::move(version)};
        }
    }
    if (wanted == "v2") throw InfraError("MESHPROBE_COMPOSE=v2, but `docker compose version` does not work here");
    if (const std::string compose = find_program("docker-compose", search_path); !compose.empty()) {
        std::string version = short_version(compose, {});
        if (version.empty()) throw InfraError("`" + compose + " version` failed");
        return {ComposeBinary::Kind::v1, compose, {}, std::move(version)};
    }
    throw InfraError(
        "neither `docker compose` nor `docker-compose` found on the PATH; install Docker Compose "
        "(v2 plugin or 1.29)");
}

ComposeRunner::ComposeRunner(ComposeProject project, ComposeRunnerOptions options)
    : project_(std::move(project)), options_(std::move(options)) {}

const ComposeBinary& ComposeRunner::binary() {
    // Once per process: detection runs compose, and the PATH does not change during a run.
    // A failed detection throws out of the initialisation and is tried again next time.
    static const ComposeBinary detected = detect_compose_binary(path_directories(), [] {
        const char* wanted = std::getenv("MESHPROBE_COMPOSE");
        return std::string(wanted ? wanted : "");
    }());
    return detected;
}

std::string ComposeRunner::flavour() { return binary().flavour(); }

std::vector<std::string> ComposeRunner::arguments(const std::vector<std::string>& command) const {
    std::vector<std::string> args = binary().prefix;
    args.insert(args.end(), {"-p", project_.name});
    for (const auto& file : project_.files) args.insert(args.end(), {"-f", file});
    if (!project_.project_directory.empty()) {
        args.insert(args.end(), {"--project-directory", project_.project_directory});
    }
    for (const std::string& file : project_.env_files) args.insert(args.end(), {"--env-file", file});
    for (const auto& profile : project_.profiles) args.insert(args.end(), {"--profile", profile});
    args.insert(args.end(), command.begin(), command.end());
    return args;
}

ChildRequest ComposeRunner::request(const std::vector<std::string>& command, std::chrono::milliseconds timeout,
                                    const std::atomic<bool>* cancel) const {
    ChildRequest out{binary().program, arguments(command), timeout, cancel, {}};
    if (!project_.docker_host.empty()) {
        // DOCKER_HOST wins over the CLI's context only when no context is named as well.
        out.env = {{"DOCKER_HOST", project_.docker_host}, {"DOCKER_CONTEXT", std::nullopt}};
    }
    return out;
}

void ComposeRunner::log(const std::string& message) const {
    if (options_.log) {
        options_.log(message);
    } else {
        fmt::print(stderr, "meshprobe: {}\n", message);
    }
}

std::string ComposeRunner::config() {
    const ChildResult result = run_child(request({"config"}, kConfigTimeout, options_.cancel));
    if (result.cancelled) throw InfraError("compose config was cancelled");
    if (result.timed_out) throw InfraError("compose config did not finish within 60 s", result.combined());
    if (result.exit_code != 0) {
        // compose refused the files: a mistake in what the user wrote.
        throw InputError("compose rejected the files: " + trim(result.err.empty() ? result.out : result.err));
    }
    return result.out;
}

void ComposeRunner::up() {
    std::vector<std::string> command = {"up", "-d", "--no-build", "--remove-orphans"};
    if (binary().kind == ComposeBinary::Kind::v2) command.insert(command.end(), {"--pull", "never"});
    const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(options_.up_timeout);
    const ChildResult result = run_child(request(command, timeout, options_.cancel));
    if (result.cancelled) throw InfraError("compose up was cancelled", result.combined());
    if (result.timed_out) {
        throw InfraError(fmt::format("compose up did not finish within {} s", options_.up_timeout.count()),
                         result.combined());
    }
    if (result.exit_code != 0) {
        throw InfraError(fmt::format("compose up failed (exit {})", result.exit_code), result.combined());
    }
}

std::string ComposeRunner::down() {
    try {
        const std::vector<std::string> command = {"down", "-v", "--remove-orphans", "--timeout", "2"};
        const ChildResult result = run_child(request(command, kDownTimeout, nullptr));
        if (!result.ok()) {
            return fmt::format("compose down for project {} failed{}: {}", project_.name,
                               result.timed_out ? " (timeout)" : "", trim(result.combined()));
        }
        return {};
    } catch (const std::exception& e) {
        return fmt::format("compose down for project {} failed: {}", project_.name, e.what());
    }
}

std::string ComposeRunner::command_line(const std::vector<std::string>& command) {
    auto quote = [](const std::string& word) {
        if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@,+") ==
                                 std::string::npos) {
            return word;
        }
        std::string out = "'";
        for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
        return out + "'";
    };
    std::string line;
    if (!project_.docker_host.empty() && project_.docker_host != "unix:///var/run/docker.sock") {
        line = "DOCKER_HOST=" + quote(project_.docker_host) + " ";
    }
    line += binary().kind == ComposeBinary::Kind::v2 ? "docker" : "docker-compose";
    for (const std::string& arg : arguments(command)) line += " " + quote(arg);
    return line;
}

}  // namespace meshprobe
