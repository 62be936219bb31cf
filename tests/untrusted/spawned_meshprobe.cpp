#include "spawned_meshprobe.h"

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "spawn_program.h"

namespace meshtest {

SpawnedMeshprobe::SpawnedMeshprobe(const std::vector<std::string>& args, const std::string& cwd)
    : err_file_("/tmp/meshtest-untrusted-" + std::to_string(::getpid()) + "-" +
                std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ".err") {
    pid_ = spawn_program(MESHPROBE_BINARY, args, cwd, "/dev/null", err_file_);
    if (pid_ < 0) throw std::runtime_error("cannot start " MESHPROBE_BINARY);
}

SpawnedMeshprobe::~SpawnedMeshprobe() {
    if (!reaped_) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    ::unlink(err_file_.c_str());
}

void SpawnedMeshprobe::signal(int number) const { ::kill(pid_, number); }

bool SpawnedMeshprobe::running() {
    if (reaped_) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) != pid_) return true;
    reaped_ = true;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return false;
}

bool SpawnedMeshprobe::wait(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (running()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
            reaped_ = true;
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

std::string SpawnedMeshprobe::err() const {
    std::ifstream in(err_file_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

Finished run_to_end(const std::vector<std::string>& args, const std::string& cwd, std::chrono::milliseconds limit) {
    const auto start = std::chrono::steady_clock::now();
    SpawnedMeshprobe meshprobe(args, cwd);
    const bool ended = meshprobe.wait(limit);
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    return Finished{ended ? meshprobe.exit_code() : -2, meshprobe.err(), took};
}

}  // namespace meshtest
