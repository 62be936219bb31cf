#pragma once
#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace meshprobe::probe::testing {

struct Finished {
    int exit_code = -1;  // -1 when killed by a signal
    std::string out;
    std::string err;
    std::chrono::duration<double, std::milli> elapsed{};
};

// Runs the probe binary with `args`, feeds `input` on stdin, waits for it to exit.
Finished run_probe(const std::vector<std::string>& args, const std::string& input = {});

// The probe binary running in the background (serve mode); killed when destroyed.
class BackgroundProbe {
public:
    explicit BackgroundProbe(const std::vector<std::string>& args);
    ~BackgroundProbe();
    BackgroundProbe(const BackgroundProbe&) = delete;
    BackgroundProbe& operator=(const BackgroundProbe&) = delete;

    // Sends `signal` and waits up to `limit`; the exit code, or -1 (signalled or still running).
    int stop(int signal, std::chrono::milliseconds limit);
    bool running();

private:
    pid_t pid_ = -1;
};

}  // namespace meshprobe::probe::testing
