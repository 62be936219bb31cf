#include "watch/engine_events.h"

#include <chrono>
#include <condition_variable>
#include <mutex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/cancelled.h"
#include "engine/docker_api.h"
#include "engine/url_query.h"

namespace meshprobe::watch {

std::optional<EngineChange> relevant_event(const std::string& line, const std::string& project) {
    const nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
    if (!event.is_object()) return std::nullopt;
    const std::string type = event.value("Type", "");
    const std::string action = event.value("Action", event.value("status", ""));
    const nlohmann::json attributes = event.contains("Actor") ? event["Actor"].value("Attributes", nlohmann::json::object())
                                                              : nlohmann::json::object();
    auto attribute = [&](const char* name) {
        return attributes.contains(name) && attributes[name].is_string() ? attributes[name].get<std::string>() : "";
    };
    if (type == "network" && (action == "connect" || action == "disconnect")) {
        return EngineChange{fmt::format("network {} {}", attribute("name"), action), false};
    }
    if (type != "container" || attribute("com.docker.compose.project") != project) return std::nullopt;
    for (const char* wanted : {"start", "die", "stop", "restart", "kill", "pause", "unpause", "destroy", "health_status"}) {
        if (action.rfind(wanted, 0) == 0) return EngineChange{fmt::format("{} {}", attribute("com.docker.compose.service"), action), true};
    }
    return std::nullopt;
}

EngineEvents::EngineEvents(std::string docker_host, std::string project, Changed changed)
    : docker_host_(std::move(docker_host)), project_(std::move(project)), changed_(std::move(changed)) {
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
        if (std::optional<EngineChange> change = relevant_event(line, project_)) changed_(*change);
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
