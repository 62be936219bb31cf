#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace meshprobe::watch {

// One request: the webhook's POST, or one of the GitHub API's calls (github_issues.h).
struct HttpCall {
    std::string method = "POST";
    std::string url;
    std::vector<std::string> headers;  // "Name: value"; Content-Type: application/json goes with a body
    std::string body;                  // sent when not empty, or when the method is POST
    std::size_t kept_response = 512;   // bytes of the response body kept: a receiver's message, or a whole page of the API
};

// What became of one request.
struct HttpReply {
    long status = 0;           // the HTTP status; 0 when no response arrived
    std::string error;         // why no response arrived (transport error or timeout); empty otherwise
    std::string response;      // the start of the response body (HttpCall::kept_response bytes)
    std::map<std::string, std::string> headers;  // the response's headers, names lower-cased (the last of a repeated one)
    bool interrupted = false;  // `interrupted` said so before the transfer ended
};

// Sends a request over HTTP or HTTPS with libcurl, one at a time, in a way another thread can
// cut short at once: the webhook's stop must not wait out a receiver that hangs.
// The environment's proxy settings (https_proxy, no_proxy) apply: unlike the engine, the
// receiver is usually beyond this machine. Redirects are not followed.
class HttpClient {
public:
    HttpClient();
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Blocks until the response, a transport error, `timeout`, or `interrupted()` returning
    // true; `interrupted` is asked before the transfer and after every wake().
    HttpReply send(const HttpCall& call, std::chrono::milliseconds timeout, const std::function<bool()>& interrupted);

    // Makes a send() under way (or the next one) ask `interrupted` again. Any thread.
    void wake();

private:
    void* multi_ = nullptr;  // CURLM*, kept out of this header with curl's
};

}  // namespace meshprobe::watch
