#include "exec/interrupt.h"

#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstring>

#include "core/atomic_file.h"
#include "core/cancelled.h"

namespace meshprobe {
namespace {

std::atomic<int> first_signal{0};

// Two buffers, the handler reads the one `notice_index` points at: the writer fills the other
// and then flips the index, so the handler never sees a half-written notice (a signal handler
// may take no lock).
constexpr size_t kNoticeBytes = 1024;
char notices[2][kNoticeBytes];
std::atomic<size_t> notice_lengths[2];
std::atomic<int> notice_index{0};

extern "C" void on_signal(int number) {
    // The signal is noted before the flag is raised, so a thread that sees the flag also
    // finds the exit code.
    int none = 0;
    first_signal.compare_exchange_strong(none, number);
    if (cancel_requested.exchange(true)) {
        write_all(STDERR_FILENO, "\nmeshprobe: clean-up abandoned");
        const int index = notice_index.load();
        const size_t length = notice_lengths[index].load();
        if (length > 0) {
            write_all(STDERR_FILENO, "; left behind: ");
            write_all(STDERR_FILENO, std::string_view(notices[index], length));
        }
        write_all(STDERR_FILENO, "\n");
        _exit(128 + number);
    }
    write_all(STDERR_FILENO, "\nmeshprobe: interrupted, cleaning up (press Ctrl-C again to abandon clean-up)\n");
}

}  // namespace

const std::atomic<bool>& interrupted() { return cancel_requested; }

void install_interrupt_handlers() {
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

int interrupted_exit_code() {
    const int number = first_signal.load();
    return 128 + (number == 0 ? SIGINT : number);
}

void set_abandon_notice(const std::string& text) {
    const int next = 1 - notice_index.load();
    const size_t length = std::min(text.size(), kNoticeBytes);
    std::memcpy(notices[next], text.data(), length);
    notice_lengths[next].store(length);
    notice_index.store(next);
}

}  // namespace meshprobe
