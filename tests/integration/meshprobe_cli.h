#pragma once
#include <sys/types.h>

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace meshtest {

struct Outcome {
    int exit_code = -1;
    std::string out;
    std::string err;
    nlohmann::json report;  // the --json report, when one was written

    std::set<std::string> failing() const;  // ids of checks whose verdict is fail or error
    int count(const std::string& verdict) const;
    // What a failed expectation should print: stderr, then every check that did not pass
    // with its detail (stderr alone names no check when a run exits 1).
    std::string told() const;
};

// Runs the built meshprobe with these arguments in `cwd`, with a JSON report.
Outcome run_meshprobe(const std::vector<std::string>& args, const std::string& cwd = SOURCE_DIR);
// `run --standin` on a fixture folder, with the outside host as egress target.
Outcome run_standin(const std::string& fixture, const std::vector<std::string>& extra = {});

// Starts meshprobe in the background, its output thrown away; returns its pid.
pid_t start_meshprobe(const std::vector<std::string>& args);
// Polls the engine until a container with this label exists; false after 120 s.
bool wait_for_label(const std::string& label);
// The exit code of a started meshprobe, -1 when a signal ended it.
int wait_exit(pid_t pid);
// The reference contract, absolute.
std::string reference_contract();

// What meshprobe (or a stack it brought up) left in Docker: containers and networks labelled
// with meshprobe's run label or with a compose project whose name begins with the prefix.
std::vector<std::string> leftovers(const std::string& project_prefix);

}  // namespace meshtest
