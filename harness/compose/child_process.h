#pragma once
#include <atomic>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace meshprobe {

struct ChildRequest {
    std::string program;                 // absolute path
    std::vector<std::string> args;
    std::chrono::milliseconds timeout{60'000};
    const std::atomic<bool>* cancel = nullptr;  // polled while waiting; set: the child is ended
    // Changes to the inherited environment: a value sets the variable, nullopt removes it.
    std::map<std::string, std::optional<std::string>> env;
};

struct ChildResult {
    int exit_code = -1;
    std::string out;
    std::string err;
    bool timed_out = false;
    bool cancelled = false;

    bool ok() const { return exit_code == 0 && !timed_out && !cancelled; }
    std::string combined() const;  // stderr then stdout, for diagnostics
};

// Runs a program to its end, capturing stdout and stderr, with stdin from /dev/null.
// The child gets a process group of its own: Ctrl-C in a terminal goes to the foreground
// group, and meshprobe must be the one to get it, so it can stop the child itself and still
// run its clean-up commands (which would otherwise be interrupted by the same Ctrl-C).
// Ending a child (timeout, cancel) signals its whole group, compose's helpers included.
// Throws InfraError when the program cannot be started.
ChildResult run_child(const ChildRequest& request);

// The first executable `name` in these folders; "" when none has it.
std::string find_program(const std::string& name, const std::vector<std::string>& search_path);
// The folders of $PATH, in order.
std::vector<std::string> path_directories();

}  // namespace meshprobe
