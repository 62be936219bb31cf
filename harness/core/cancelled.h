#pragma once
#include <atomic>
#include <stdexcept>

namespace meshprobe {

// The user interrupted (Ctrl-C or SIGTERM). Not an InfraError: callers clean up and exit as
// interrupted instead of reporting a broken engine. main maps it to 128 + the signal.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("interrupted") {}
};

// Raised by the signal handlers (exec/interrupt.cpp). Here, in core, so that the readers and
// renderers that know nothing of signals or the engine can poll it too.
extern std::atomic<bool> cancel_requested;

// The poll of every long loop (loading, rules, inference, rendering): one relaxed load, cheap
// enough per item, so that every command stops within a second of a signal.
inline void throw_if_cancelled() {
    if (cancel_requested.load(std::memory_order_relaxed)) throw Cancelled();
}

}  // namespace meshprobe
