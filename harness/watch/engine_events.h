#pragma once
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "orchestrator/orchestrator.h"

namespace meshprobe::watch {

using EngineChange = StackChange;

// Follows the engine's /events stream on a thread of its own and calls `changed` for every
// event that can change what the stack's model shows, as the orchestrator's filter
// (Orchestrator::event) decides: for compose a container of the project starting, stopping,
// dying, restarting or changing health, and any network connect or disconnect. When the
// stream ends (the engine restarted, the socket went away) it reconnects with back-off, 0.25 s
// doubling to 5 s, and calls `changed` once connected again: events missed meanwhile are not
// lost, the stack is read anew and judged whole.
class EngineEvents {
public:
    using Changed = std::function<void(const EngineChange& change)>;
    // Whether one /events line can change the model; what changed when it can.
    using Filter = std::function<std::optional<EngineChange>(const std::string& line)>;

    EngineEvents(std::string docker_host, Filter filter, Changed changed);
    ~EngineEvents();  // stops and joins
    EngineEvents(const EngineEvents&) = delete;
    EngineEvents& operator=(const EngineEvents&) = delete;

    void stop();
    bool connected() const { return connected_; }
    long events() const { return events_; }
    long reconnects() const { return reconnects_; }

private:
    void follow();
    void consume(std::string_view data);

    std::string docker_host_;
    Filter filter_;
    Changed changed_;
    std::string pending_;  // a line not yet complete
    std::atomic<bool> stopping_{false};
    std::atomic<bool> connected_{false};
    std::atomic<long> events_{0};
    std::atomic<long> reconnects_{0};
    std::thread thread_;
};

}  // namespace meshprobe::watch
