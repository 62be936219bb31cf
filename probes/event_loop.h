#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <unordered_map>

#include "probes/unique_fd.h"

namespace meshprobe::probe {

using Clock = std::chrono::steady_clock;

// One epoll instance for every socket of the process (checks, resolver, listeners).
// Each watch has its own id, never reused, so an event queued for a socket that was
// closed meanwhile (and whose number a new socket got) reaches nobody.
class EventLoop {
public:
    using WatchId = std::uint64_t;
    using Handler = std::function<void(std::uint32_t events)>;

    EventLoop();  // throws std::system_error

    WatchId watch(int fd, std::uint32_t events, Handler handler);
    void change(WatchId id, std::uint32_t events);
    void unwatch(WatchId id);

    // Waits for events until `until` (or a signal) and runs their handlers.
    void wait_until(Clock::time_point until);

private:
    struct Entry {
        int fd;
        Handler handler;
    };

    UniqueFd epoll_;
    std::unordered_map<WatchId, Entry> entries_;
    WatchId next_id_ = 1;
};

}  // namespace meshprobe::probe
