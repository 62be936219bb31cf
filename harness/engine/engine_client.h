#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <string_view>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "core/cancelled.h"
#include "engine/docker_host.h"

namespace meshprobe {

// The engine answered with an HTTP error; what() carries the engine's own message.
class EngineError : public InfraError {
public:
    EngineError(long status, const std::string& message, std::string detail)
        : InfraError(message, std::move(detail)), status_(status) {}
    long status() const { return status_; }

private:
    long status_;
};

struct Response {
    long status = 0;
    std::string body;

    bool not_found() const { return status == 404; }
    // The body parsed as JSON (null when empty); InfraError when it is not JSON.
    nlohmann::json json() const;
};

inline constexpr std::chrono::milliseconds kDefaultCallTimeout = std::chrono::seconds(30);

struct CallOptions {
    // The whole call, answer included; zero means no limit (use with a cancel flag).
    std::chrono::milliseconds timeout = kDefaultCallTimeout;
    // Return a 404 as a Response instead of throwing EngineError.
    bool allow_not_found = false;
    // Clean-up calls (removing what meshprobe created) must still run after Ctrl-C.
    bool cancellable = true;
};

// Takes a streamed answer (/events) piece by piece as it arrives.
using StreamSink = std::function<void(std::string_view)>;

// HTTP over the Docker socket. Thread safe: every call uses its own curl handle.
// Transport failures throw InfraError worded for a person, HTTP errors throw EngineError,
// a raised cancel flag throws Cancelled.
class EngineClient {
public:
    // Newest API version meshprobe speaks, and the oldest it accepts from an engine.
    static constexpr const char* kMaxApiVersion = "1.45";
    static constexpr const char* kMinApiVersion = "1.24";

    // docker_host as for DockerHost::parse (empty: $DOCKER_HOST, else the local socket).
    explicit EngineClient(const std::string& docker_host = {});

    // Asks the engine which API it speaks and settles on min(engine, kMaxApiVersion).
    // Versioned calls negotiate on first use, so calling this is optional. InfraError when the
    // engine is older than kMinApiVersion or cannot be asked.
    void negotiate();
    // The settled API version, "1.41"; negotiates first if needed.
    std::string api_version();
    const DockerHost& host() const { return host_; }

    // While *flag is true every call in flight aborts with Cancelled within about a second.
    // Set it before the client is shared between threads.
    void set_cancel_flag(const std::atomic<bool>* flag) { cancel_flag_ = flag; }

    // path is below the version prefix: "/containers/json?all=1". A null JSON body sends none.
    // Every call throws EngineError when the engine answers with an HTTP error (a 404 too,
    // unless allow_not_found), InfraError when it cannot be reached or does not answer within
    // the timeout, and Cancelled when the cancel flag is set (cancellable calls only).
    Response get(const std::string& path, CallOptions options = {});
    Response post(const std::string& path, const nlohmann::json& body, CallOptions options = {});
    Response post_raw(const std::string& path, const std::string& body,
                      const std::string& content_type, CallOptions options = {});
    Response del(const std::string& path, CallOptions options = {});

    // A GET whose body is a stream (/events): each piece goes to `sink` as it arrives instead of
    // into Response::body. Returns when the engine ends the stream; with no timeout, only the
    // cancel flag ends it sooner.
    Response get_stream(const std::string& path, const StreamSink& sink, CallOptions options = {});

    // Without the version prefix; for the few endpoints that are not versioned (/version, /_ping).
    Response get_unversioned(const std::string& path, CallOptions options = {});

private:
    struct Request;
    std::string prefix();
    Response send(const Request& request, const CallOptions& options, const StreamSink* sink = nullptr);

    DockerHost host_;
    std::string base_url_;
    const std::atomic<bool>* cancel_flag_ = nullptr;
    std::mutex negotiate_mutex_;
    std::string prefix_;  // "/v1.41" once negotiated
};

}  // namespace meshprobe
