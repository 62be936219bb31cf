#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "probes/event_loop.h"
#include "probes/result.h"

struct ares_channeldata;

namespace meshprobe::probe {

// What one A lookup found. status is resolved, nxdomain, timeout or error.
struct DnsAnswer {
    Status status = Status::error;
    std::vector<std::string> addresses;
    std::string detail;  // "no A record" for an existing name without one; the error otherwise
};

// A records through the container's own resolver (/etc/resolv.conf), the name exactly as
// given: no search domains, no /etc/hosts, one try. c-ares runs on the shared EventLoop.
class DnsResolver {
public:
    using Callback = std::function<void(const DnsAnswer&)>;

    DnsResolver(EventLoop& loop, std::chrono::milliseconds timeout);
    ~DnsResolver();
    DnsResolver(const DnsResolver&) = delete;
    DnsResolver& operator=(const DnsResolver&) = delete;

    // `done` runs once, possibly before resolve returns; never after the resolver is gone.
    void resolve(const std::string& name, Callback done);

    // c-ares keeps its own retransmit timers; the owner of the loop drives them.
    std::optional<Clock::time_point> next_timeout() const;
    void process_timeouts();

private:
    static void on_socket_state(void* self, int fd, int readable, int writable);
    void socket_state(int fd, bool readable, bool writable);

    EventLoop& loop_;
    bool library_ready_ = false;
    ares_channeldata* channel_ = nullptr;
    std::string setup_error_;  // set when c-ares could not start; every lookup then fails with it
    std::unordered_map<int, EventLoop::WatchId> sockets_;
};

}  // namespace meshprobe::probe
