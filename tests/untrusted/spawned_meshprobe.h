#pragma once
#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace meshtest {

// The built meshprobe started in the background in `cwd`, its standard error kept in a file,
// so a test can signal it and time how long it takes to end.
class SpawnedMeshprobe {
public:
    SpawnedMeshprobe(const std::vector<std::string>& args, const std::string& cwd);
    ~SpawnedMeshprobe();  // kills it (SIGKILL) if it still runs
    SpawnedMeshprobe(const SpawnedMeshprobe&) = delete;
    SpawnedMeshprobe& operator=(const SpawnedMeshprobe&) = delete;

    void signal(int number) const;
    // Waits at most `limit`; false when it still runs then (it is killed).
    bool wait(std::chrono::milliseconds limit);
    bool running();  // reaps it when it has ended
    int exit_code() const { return exit_code_; }  // -1 when a signal ended it
    std::string err() const;

private:
    pid_t pid_ = -1;
    bool reaped_ = false;
    int exit_code_ = -1;
    std::string err_file_;
};

struct Finished {
    int exit_code = -1;  // -2: still running at the limit
    std::string err;
    std::chrono::milliseconds took{};
};

// Runs meshprobe to its end, or kills it after `limit`.
Finished run_to_end(const std::vector<std::string>& args, const std::string& cwd,
                    std::chrono::milliseconds limit = std::chrono::seconds(20));

}  // namespace meshtest
