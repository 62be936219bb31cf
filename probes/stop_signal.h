#pragma once
#include "probes/unique_fd.h"

namespace meshprobe::probe {

// SIGTERM and SIGINT, turned into a readable fd for the EventLoop. Handlers are installed
// explicitly because as PID 1 of a container the default action would be to ignore them.
// One per process.
class StopSignal {
public:
    StopSignal();  // throws std::system_error
    ~StopSignal();
    StopSignal(const StopSignal&) = delete;
    StopSignal& operator=(const StopSignal&) = delete;

    int fd() const { return read_end_.get(); }

private:
    UniqueFd read_end_;
    UniqueFd write_end_;
};

}  // namespace meshprobe::probe
