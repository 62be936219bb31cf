#include "probes/event_loop.h"

#include <sys/epoll.h>

#include <array>
#include <cerrno>
#include <system_error>

namespace meshprobe::probe {
namespace {

[[noreturn]] void fail(const char* what) { throw std::system_error(errno, std::generic_category(), what); }

int milliseconds_until(Clock::time_point until) {
    const auto left = until - Clock::now();
    if (left <= Clock::duration::zero()) {
        return 0;
    }
    // Round up: waking a little late is fine, spinning on a 0 ms wait is not.
    return static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(left).count());
}

}  // namespace

EventLoop::EventLoop() : epoll_(::epoll_create1(EPOLL_CLOEXEC)) {
    if (!epoll_.valid()) {
        fail("epoll_create1");
    }
}

EventLoop::WatchId EventLoop::watch(int fd, std::uint32_t events, Handler handler) {
    const WatchId id = next_id_++;
    epoll_event event{};
    event.events = events;
    event.data.u64 = id;
    if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &event) != 0) {
        fail("epoll_ctl add");
    }
    entries_.emplace(id, Entry{fd, std::move(handler)});
    return id;
}

void EventLoop::change(WatchId id, std::uint32_t events) {
    auto it = entries_.find(id);
    if (it == entries_.end()) {
        return;
    }
    epoll_event event{};
    event.events = events;
    event.data.u64 = id;
    if (::epoll_ctl(epoll_.get(), EPOLL_CTL_MOD, it->second.fd, &event) != 0) {
        fail("epoll_ctl mod");
    }
}

void EventLoop::unwatch(WatchId id) {
    auto it = entries_.find(id);
    if (it == entries_.end()) {
        return;
    }
    // The owner may already have closed the fd; then the kernel dropped it from the set itself.
    ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, it->second.fd, nullptr);
    entries_.erase(it);
}

void EventLoop::wait_until(Clock::time_point until) {
    std::array<epoll_event, 64> events{};
    const int count = ::epoll_wait(epoll_.get(), events.data(), static_cast<int>(events.size()),
                                   milliseconds_until(until));
    if (count < 0) {
        if (errno == EINTR) {
            return;
        }
        fail("epoll_wait");
    }
    for (int i = 0; i < count; ++i) {
        auto it = entries_.find(events[i].data.u64);
        if (it == entries_.end()) {
            continue;
        }
        // A copy: the handler may unwatch itself, which destroys the stored one.
        Handler handler = it->second.handler;
        handler(events[i].events);
    }
}

}  // namespace meshprobe::probe
