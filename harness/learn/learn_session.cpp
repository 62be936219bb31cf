#include "learn/learn_session.h"

#include <algorithm>

#include "core/cancelled.h"

namespace meshprobe {

FlowTable record_flows(const EventSource& events, const BookSource& addresses, std::chrono::milliseconds duration,
                       std::chrono::milliseconds refresh) {
    using Clock = std::chrono::steady_clock;
    const Clock::time_point end = Clock::now() + duration;
    FlowTable table;
    AddressBook book = addresses();
    Clock::time_point refreshed = Clock::now();
    std::vector<ConnectionEvent> unattributed;
    auto take = [&](const std::vector<ConnectionEvent>& batch) {
        for (const ConnectionEvent& event : batch) {
            if (book.who(event.source).kind == Peer::Kind::outside) {
                unattributed.push_back(event);
            } else {
                table.record(event, book);
            }
        }
    };
    // Ctrl-C between two waits ends the recording: a short wait keeps that within a fifth of a second.
    while (!cancel_requested.load(std::memory_order_relaxed)) {
        const Clock::time_point now = Clock::now();
        if (now >= end) break;
        if (now - refreshed >= refresh) {
            book = addresses();
            refreshed = now;
            for (const ConnectionEvent& event : unattributed) table.record(event, book);
            unattributed.clear();
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - now);
        take(events(static_cast<int>(std::clamp<long long>(left.count(), 1, 200))));
    }
    // What the kernel queued before the end (a Ctrl-C interrupts the wait, not the connections).
    take(events(0));
    // The last events' sources may have started since the last refresh (not after Ctrl-C: the
    // engine is asked nothing more then).
    if (!unattributed.empty() && !cancel_requested.load(std::memory_order_relaxed)) {
        book = addresses();
        for (const ConnectionEvent& event : unattributed) table.record(event, book);
    }
    return table;
}

}  // namespace meshprobe
