#include "probes/stop_signal.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace meshprobe::probe {
namespace {

volatile sig_atomic_t g_write_end = -1;

extern "C" void on_stop(int /*signal*/) {
    const int saved = errno;
    const char byte = 1;
    // Best effort: a full pipe already holds a wake-up.
    [[maybe_unused]] const ssize_t written = ::write(g_write_end, &byte, 1);
    errno = saved;
}

bool install(int signal, void (*handler)(int)) {
    struct sigaction action {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(signal, &action, nullptr) == 0;
}

}  // namespace

StopSignal::StopSignal() {
    int ends[2];
    if (::pipe2(ends, O_NONBLOCK | O_CLOEXEC) != 0) {
        throw std::system_error(errno, std::generic_category(), "pipe2");
    }
    read_end_.reset(ends[0]);
    write_end_.reset(ends[1]);
    g_write_end = ends[1];
    if (!install(SIGTERM, on_stop) || !install(SIGINT, on_stop)) {
        throw std::system_error(errno, std::generic_category(), "sigaction");
    }
}

StopSignal::~StopSignal() {
    install(SIGTERM, SIG_DFL);
    install(SIGINT, SIG_DFL);
    g_write_end = -1;
}

}  // namespace meshprobe::probe
