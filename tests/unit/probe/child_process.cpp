#include "child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <stdexcept>
#include <thread>

namespace meshprobe::probe::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<char*> argv_of(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(PROBE_BINARY));
    for (const std::string& arg : args) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    return argv;
}

// Forks the probe with the given descriptors as its stdin, stdout and stderr.
pid_t spawn(const std::vector<std::string>& args, int in, int out, int err) {
    std::vector<char*> argv = argv_of(args);
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        ::dup2(in, 0);
        ::dup2(out, 1);
        ::dup2(err, 2);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

int exit_code(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

void drain(int fd, std::string& into, bool& open) {
    std::array<char, 4096> buffer{};
    const ssize_t count = ::read(fd, buffer.data(), buffer.size());
    if (count > 0) {
        into.append(buffer.data(), static_cast<std::size_t>(count));
    } else {
        open = false;
    }
}

}  // namespace

Finished run_probe(const std::vector<std::string>& args, const std::string& input) {
    int in[2], out[2], err[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    const auto started = Clock::now();
    const pid_t pid = spawn(args, in[0], out[1], err[1]);
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    // Plans are small: they fit the pipe buffer, so writing before reading cannot deadlock.
    [[maybe_unused]] const ssize_t written = ::write(in[1], input.data(), input.size());
    ::close(in[1]);

    Finished finished;
    bool out_open = true, err_open = true;
    while (out_open || err_open) {
        std::array<pollfd, 2> fds{{{out_open ? out[0] : -1, POLLIN, 0}, {err_open ? err[0] : -1, POLLIN, 0}}};
        ::poll(fds.data(), fds.size(), 10000);
        if (fds[0].revents != 0) {
            drain(out[0], finished.out, out_open);
        }
        if (fds[1].revents != 0) {
            drain(err[0], finished.err, err_open);
        }
    }
    ::close(out[0]);
    ::close(err[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    finished.elapsed = Clock::now() - started;
    finished.exit_code = exit_code(status);
    return finished;
}

BackgroundProbe::BackgroundProbe(const std::vector<std::string>& args) {
    const int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    pid_ = spawn(args, null, null, null);
    ::close(null);
}

BackgroundProbe::~BackgroundProbe() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
}

bool BackgroundProbe::running() {
    if (pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
    }
    return pid_ > 0;
}

int BackgroundProbe::stop(int signal, std::chrono::milliseconds limit) {
    ::kill(pid_, signal);
    const auto until = Clock::now() + limit;
    while (Clock::now() < until) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return exit_code(status);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return -1;
}

}  // namespace meshprobe::probe::testing
