#include "reports/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

namespace meshprobe {
namespace {

constexpr int kBarWidth = 20;
const char* const kEraseLine = "\r\x1b[K";

std::string bar_line(const std::string& phase, int done, int total) {
    const int filled = total > 0 ? std::clamp(done * kBarWidth / total, 0, kBarWidth) : 0;
    return fmt::format("{} [{}{}] {}/{}", phase, std::string(filled, '#'),
                       std::string(kBarWidth - filled, ' '), done, total);
}

}  // namespace

Progress::Progress(bool enabled, std::ostream& out) : enabled_(enabled), out_(out) {}

Progress::~Progress() { done(); }

void Progress::phase(std::string_view what) {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    phase_ = what;
    done_ = 0;
    draw(phase_);
}

void Progress::step(int done, int total) {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    // Workers report as they finish, so a smaller count can arrive after a larger one.
    if (done < done_) return;
    done_ = done;
    draw(bar_line(phase_, done, total));
}

void Progress::done() {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    erase();
}

void Progress::draw(const std::string& line) {
    if (line == shown_) return;
    out_ << kEraseLine << line << std::flush;
    shown_ = line;
}

void Progress::erase() {
    if (shown_.empty()) return;
    out_ << kEraseLine << std::flush;
    shown_.clear();
}

bool progress_wanted(int fd, bool quiet) {
    if (quiet) return false;
    if (const char* ci = std::getenv("CI"); ci != nullptr && *ci != '\0') return false;
    // A dumb terminal cannot erase a line: the progress would pile up.
    if (const char* term = std::getenv("TERM"); term != nullptr && std::string(term) == "dumb") return false;
    return isatty(fd) == 1;
}

}  // namespace meshprobe
