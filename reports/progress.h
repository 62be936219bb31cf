#pragma once
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

namespace meshprobe {

// One status line on a terminal ("reach [########            ] 98/243"), redrawn in place
// with \r and erased by done(). Safe to call from many threads. When disabled it writes
// nothing at all, so callers need no ifs of their own.
class Progress {
public:
    Progress(bool enabled, std::ostream& out);
    ~Progress();  // erases a line still shown, e.g. when an exception unwinds the run
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void phase(std::string_view what);  // a new stage: "starting stack", "reach"
    void step(int done, int total);
    void done();

private:
    void draw(const std::string& line);  // with mutex_ held
    void erase();                        // with mutex_ held

    bool enabled_;
    std::ostream& out_;
    std::mutex mutex_;
    std::string phase_;
    int done_ = 0;
    std::string shown_;  // what is on the terminal now; empty when nothing is
};

// Whether a progress line belongs on this stream: a terminal, not quiet, not in CI.
bool progress_wanted(int fd, bool quiet);

}  // namespace meshprobe
