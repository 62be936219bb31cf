#include "exec/interrupt.h"

#include <csignal>
#include <unistd.h>

namespace meshprobe {
namespace {

std::atomic<bool> flag{false};

extern "C" void on_signal(int) {
    if (flag.exchange(true)) _exit(130);
    const char message[] = "\nmeshprobe: interrupted, cleaning up (press Ctrl-C again to abandon clean-up)\n";
    (void)!::write(STDERR_FILENO, message, sizeof message - 1);
}

}  // namespace

const std::atomic<bool>& interrupted() { return flag; }

void install_interrupt_handlers() {
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

}  // namespace meshprobe
