#include "watch/engine_events.h"

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "core/cancelled.h"
#include "engine/docker_api.h"
#include "engine/url_query.h"

namespace meshprobe::watch {

EngineEvents::EngineEvents(std::string docker_host, Filter filter, Changed changed)
    : docker_host_(std::move(docker_host)), filter_(std::move(filter)), changed_(std::move(changed)) {
    thread_ = std::thread([this] { follow(); });
}

EngineEvents::~EngineEvents() {
    stop();
    if (thread_.joinable()) thread_.join();
}

void EngineEvents::stop() { stopping_ = true; }

void EngineEvents::consume(std::string_view data) {
    pending_.append(data);
    for (size_t end = pending_.find('\n'); end != std::string::npos; end = pending_.find('\n')) {
        const std::string line = pending_.substr(0, end);
        pending_.erase(0, end + 1);
        ++events_;
        if (std::optional<EngineChange> change = filter_(line)) changed_(*change);
    }
}

void EngineEvents::follow() {
    const std::string filters = R"({"type":["container","network"]})";
    const std::string path = "/events" + Query().add("filters", filters).str();
    auto backoff = std::chrono::milliseconds(250);
    bool first = true;
    while (!stopping_) {
        try {
            Docker docker(docker_host_);
            docker.client().set_cancel_flag(&stopping_);
            docker.client().negotiate();
            connected_ = true;
            if (!first) {
                ++reconnects_;
                changed_({"reconnected to the engine", true});
            }
            first = false;
            backoff = std::chrono::milliseconds(250);
            pending_.clear();
            docker.client().get_stream(path, [this](std::string_view data) { consume(data); },
                                       {.timeout = std::chrono::milliseconds(0)});
        } catch (const Cancelled&) {
            break;
        } catch (const std::exception&) {
            // The engine is away: try again after the back-off.
        }
        connected_ = false;
        first = false;
        // Sleep in small steps so that stop() is answered at once.
        for (auto slept = std::chrono::milliseconds(0); slept < backoff && !stopping_; slept += std::chrono::milliseconds(50)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
    }
    connected_ = false;
}

}  // namespace meshprobe::watch
