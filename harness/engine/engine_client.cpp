#include "engine/engine_client.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>

#include <fmt/format.h>

#include "engine/curl_library.h"

namespace meshprobe {

struct EngineClient::Request {
    const char* method = "GET";
    std::string path = {};  // as the caller wrote it, for messages
    std::string url = {};
    const std::string* body = nullptr;
    std::string content_type = {};
};

namespace {

constexpr long kConnectTimeoutMs = 5000;
constexpr const char* kStartHint = "(is dockerd running? start it, or set DOCKER_HOST)";
constexpr const char* kPermissionHint = "(add your user to the docker group or run as root)";

struct CurlDeleter {
    void operator()(CURL* handle) const { CurlLibrary::get().easy_cleanup(handle); }
    void operator()(curl_slist* list) const { CurlLibrary::get().slist_free_all(list); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using CurlHeaders = std::unique_ptr<curl_slist, CurlDeleter>;

size_t append_body(char* data, size_t size, size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

size_t stream_body(char* data, size_t size, size_t count, void* user) {
    (*static_cast<const StreamSink*>(user))(std::string_view(data, size * count));
    return size * count;
}

int check_cancel(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* flag = static_cast<const std::atomic<bool>*>(user);
    return flag != nullptr && flag->load() ? 1 : 0;
}

// "1.41" -> 1041, so versions compare as numbers.
int version_number(const std::string& text) {
    int major = 0;
    int minor = 0;
    if (std::sscanf(text.c_str(), "%d.%d", &major, &minor) != 2) return -1;
    return major * 1000 + minor;
}

std::string seconds_text(std::chrono::milliseconds duration) {
    return fmt::format("{:g} s", static_cast<double>(duration.count()) / 1000.0);
}

std::string describe_os_error(long os_errno) {
    switch (os_errno) {
        case ECONNREFUSED: return "connection refused";
        case ENOENT: return "the socket does not exist";
        case EACCES:
        case EPERM: return "permission denied";
        case 0: return "cannot connect";
        default: return std::strerror(static_cast<int>(os_errno));
    }
}

// The engine's own words for an HTTP error: its JSON "message", else the raw body.
std::string engine_message(const Response& response) {
    nlohmann::json parsed = nlohmann::json::parse(response.body, nullptr, false);
    if (parsed.is_object() && parsed.contains("message") && parsed["message"].is_string()) {
        return parsed["message"].get<std::string>();
    }
    std::string text = response.body;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text.empty() ? "HTTP error" : text;
}

// As the docker CLI: the engine's certificate must chain to ca.pem alone (not the system's
// authorities) and name the host; the client shows its own certificate.
void use_tls(const CurlLibrary& curl_api, CURL* h, const DockerHost::Tls& tls) {
    curl_api.easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_api.easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_api.easy_setopt(h, CURLOPT_CAINFO, tls.ca.c_str());
    curl_api.easy_setopt(h, CURLOPT_CAPATH, nullptr);
    curl_api.easy_setopt(h, CURLOPT_SSLCERT, tls.cert.c_str());
    curl_api.easy_setopt(h, CURLOPT_SSLKEY, tls.key.c_str());
}

// Says in a person's words why the engine could not be reached or did not answer.
[[noreturn]] void throw_transport_error(CURL* h, CURLcode code, const DockerHost& host,
                                        const std::string& call, std::chrono::milliseconds timeout) {
    const CurlLibrary& curl_api = CurlLibrary::get();
    const std::string where = host.describe();
    if (code == CURLE_COULDNT_CONNECT) {
        long os_errno = 0;
        curl_api.easy_getinfo(h, CURLINFO_OS_ERRNO, &os_errno);
        if (os_errno == EACCES || os_errno == EPERM) {
            throw InfraError(fmt::format("cannot use the Docker engine at {}: permission denied {}", where,
                                         kPermissionHint), call);
        }
        throw InfraError(fmt::format("no Docker engine at {}: {} {}", where, describe_os_error(os_errno),
                                     kStartHint), call);
    }
    if (code == CURLE_COULDNT_RESOLVE_HOST) {
        throw InfraError(fmt::format("no Docker engine at {}: cannot resolve host '{}' "
                                     "(check DOCKER_HOST or --docker-host)", where, host.host), call);
    }
    if (code == CURLE_OPERATION_TIMEDOUT) {
        curl_off_t connect_us = 0;
        curl_api.easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &connect_us);
        if (host.kind == DockerHost::Kind::tcp && connect_us == 0) {
            throw InfraError(fmt::format("no Docker engine at {}: no answer to a connection within {} {}",
                                         where, seconds_text(std::chrono::milliseconds(kConnectTimeoutMs)),
                                         kStartHint), call);
        }
        throw InfraError(fmt::format("the Docker engine at {} did not finish {} within {}", where, call,
                                     seconds_text(timeout)), call);
    }
    if (host.tls && code == CURLE_PEER_FAILED_VERIFICATION) {
        throw InfraError(fmt::format("the Docker engine at {} is not trusted: its certificate is not signed by {} or "
                                     "does not name {}", where, host.tls->ca, host.host), call);
    }
    if (host.tls && (code == CURLE_SSL_CERTPROBLEM || code == CURLE_SSL_CACERT_BADFILE)) {
        throw InfraError(fmt::format("cannot use the TLS files for the Docker engine at {} ({}, {}, {}): {}", where,
                                     host.tls->ca, host.tls->cert, host.tls->key, curl_api.easy_strerror(code)), call);
    }
    throw InfraError(fmt::format("talking to the Docker engine at {} failed during {}: {}", where, call,
                                 curl_api.easy_strerror(code)), call);
}

}  // namespace

nlohmann::json Response::json() const {
    if (body.empty()) return nullptr;
    nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_discarded()) {
        throw InfraError("Docker engine sent an answer that is not JSON", body.substr(0, 500));
    }
    return parsed;
}

EngineClient::EngineClient(const std::string& docker_host) : host_(DockerHost::parse(docker_host)) {
    CurlLibrary::get();  // fails here, with the reason, when libcurl cannot be loaded
    base_url_ = host_.base_url();
}

void EngineClient::negotiate() {
    nlohmann::json version = get_unversioned("/version").json();
    if (!version.is_object() || !version.contains("ApiVersion") ||
        !version["ApiVersion"].is_string()) {
        throw InfraError(fmt::format("the Docker engine at {} did not say which API version it speaks",
                                     host_.describe()));
    }
    std::string engine = version["ApiVersion"].get<std::string>();
    int engine_number = version_number(engine);
    if (engine_number < version_number(kMinApiVersion)) {
        throw InfraError(fmt::format(
            "the Docker engine at {} speaks API {}; meshprobe needs API {} or newer (upgrade Docker)",
            host_.describe(), engine, kMinApiVersion));
    }
    std::string chosen = engine_number > version_number(kMaxApiVersion) ? kMaxApiVersion : engine;
    std::lock_guard lock(negotiate_mutex_);
    prefix_ = "/v" + chosen;
}

std::string EngineClient::api_version() { return prefix().substr(2); }

std::string EngineClient::prefix() {
    {
        std::lock_guard lock(negotiate_mutex_);
        if (!prefix_.empty()) return prefix_;
    }
    // Two threads may both negotiate at first use; they settle on the same answer.
    negotiate();
    std::lock_guard lock(negotiate_mutex_);
    return prefix_;
}

Response EngineClient::get(const std::string& path, CallOptions options) {
    return send({.method = "GET", .path = path, .url = base_url_ + prefix() + path}, options);
}

Response EngineClient::get_unversioned(const std::string& path, CallOptions options) {
    return send({.method = "GET", .path = path, .url = base_url_ + path}, options);
}

Response EngineClient::post(const std::string& path, const nlohmann::json& body,
                            CallOptions options) {
    if (body.is_null()) return post_raw(path, {}, {}, options);
    return post_raw(path, body.dump(), "application/json", options);
}

Response EngineClient::post_raw(const std::string& path, const std::string& body,
                                const std::string& content_type, CallOptions options) {
    return send({.method = "POST",
                 .path = path,
                 .url = base_url_ + prefix() + path,
                 .body = &body,
                 .content_type = content_type},
                options);
}

Response EngineClient::del(const std::string& path, CallOptions options) {
    return send({.method = "DELETE", .path = path, .url = base_url_ + prefix() + path}, options);
}

Response EngineClient::get_stream(const std::string& path, const StreamSink& sink, CallOptions options) {
    return send({.method = "GET", .path = path, .url = base_url_ + prefix() + path}, options, &sink);
}

Response EngineClient::send(const Request& request, const CallOptions& options, const StreamSink* sink) {
    const CurlLibrary& curl_api = CurlLibrary::get();
    CurlHandle curl(curl_api.easy_init());
    if (!curl) throw InfraError("cannot create a libcurl handle");
    CURL* h = curl.get();

    Response response;
    curl_api.easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_api.easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method);
    curl_api.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // signals and threads do not mix
    curl_api.easy_setopt(h, CURLOPT_PROXY, "");     // an http_proxy must not capture the engine
    curl_api.easy_setopt(h, CURLOPT_USERAGENT, "meshprobe/" MESHPROBE_VERSION);  // names meshprobe in the engine's logs
    curl_api.easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, kConnectTimeoutMs);
    curl_api.easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
    if (sink != nullptr) {
        curl_api.easy_setopt(h, CURLOPT_WRITEFUNCTION, stream_body);
        curl_api.easy_setopt(h, CURLOPT_WRITEDATA, sink);
    } else {
        curl_api.easy_setopt(h, CURLOPT_WRITEFUNCTION, append_body);
        curl_api.easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
    }
    curl_api.easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_api.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, check_cancel);
    const std::atomic<bool>* cancel_flag = options.cancellable ? cancel_flag_ : nullptr;
    curl_api.easy_setopt(h, CURLOPT_XFERINFODATA, cancel_flag);
    if (host_.kind == DockerHost::Kind::unix_socket) {
        curl_api.easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, host_.socket_path.c_str());
    }
    if (host_.tls) use_tls(curl_api, h, *host_.tls);

    // An empty "Expect:" stops curl from waiting for "100 Continue" before a large body.
    curl_slist* header_list = curl_api.slist_append(nullptr, "Expect:");
    // With no content type, an empty "Content-Type:" stops curl from inventing a form type.
    std::string content_type = request.content_type.empty() ? "Content-Type:" : "Content-Type: " + request.content_type;
    header_list = curl_api.slist_append(header_list, content_type.c_str());
    if (request.body != nullptr) {
        curl_api.easy_setopt(h, CURLOPT_POSTFIELDS, request.body->data());
        curl_api.easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body->size()));
    }
    CurlHeaders headers(header_list);
    curl_api.easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());

    if (cancel_flag != nullptr && cancel_flag->load()) throw Cancelled();
    CURLcode code = curl_api.easy_perform(h);
    std::string call = fmt::format("{} {}", request.method, request.path);
    if (code == CURLE_ABORTED_BY_CALLBACK) throw Cancelled();
    if (code != CURLE_OK) throw_transport_error(h, code, host_, call, options.timeout);

    curl_api.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
    if (response.status >= 400 && !(response.not_found() && options.allow_not_found)) {
        throw EngineError(response.status,
                          fmt::format("Docker engine: {} ({})", engine_message(response), response.status),
                          call);
    }
    return response;
}

}  // namespace meshprobe
