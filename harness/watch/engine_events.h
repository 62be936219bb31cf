#pragma once
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <thread>

namespace meshprobe::watch {

// Follows the engine's /events stream on a thread of its own and calls `changed` for every
// event that can change what the stack's model shows: a container of the project starting,
// stopping, dying, restarting or changing health, and any network connect or disconnect (the
// event names the container by id only, so the judgement, not this filter, decides whose it
// is). When the stream ends (the engine restarted, the socket went away) it reconnects with
// back-off, 0.25 s doubling to 5 s, and calls `changed` once connected again: events missed
// meanwhile are not lost, the stack is read anew and judged whole.
struct EngineChange {
    std::string why;
    // A container of the project started, stopped or changed health, or events may have been
    // missed (a reconnect): what shares a container's namespace has to be made anew. A network
    // connect or disconnect leaves namespaces as they are.
    bool containers = false;
};

class EngineEvents {
public:
    using Changed = std::function<void(const EngineChange& change)>;

    EngineEvents(std::string docker_host, std::string project, Changed changed);
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
    std::string project_;
    Changed changed_;
    std::string pending_;  // a line not yet complete
    std::atomic<bool> stopping_{false};
    std::atomic<bool> connected_{false};
    std::atomic<long> events_{0};
    std::atomic<long> reconnects_{0};
    std::thread thread_;
};

// Whether one /events line can change the model of `project`; what changed when it can.
std::optional<EngineChange> relevant_event(const std::string& line, const std::string& project);

}  // namespace meshprobe::watch
