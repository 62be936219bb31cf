#pragma once
#include <chrono>
#include <functional>
#include <string>

namespace meshprobe::watch {

// What became of one POST.
struct PostResult {
    long status = 0;           // the HTTP status; 0 when no response arrived
    std::string error;         // why no response arrived (transport error or timeout); empty otherwise
    std::string response;      // the start of the response body, for a message about a rejection
    bool interrupted = false;  // `interrupted` said so before the transfer ended
};

// POSTs a JSON body over HTTP or HTTPS with libcurl, one request at a time, in a way another
// thread can cut short at once: the webhook's stop must not wait out a receiver that hangs.
// The environment's proxy settings (https_proxy, no_proxy) apply: unlike the engine, the
// receiver is usually beyond this machine. Redirects are not followed.
class HttpPost {
public:
    HttpPost();
    ~HttpPost();
    HttpPost(const HttpPost&) = delete;
    HttpPost& operator=(const HttpPost&) = delete;

    // Blocks until the response, a transport error, `timeout`, or `interrupted()` returning
    // true; `interrupted` is asked before the transfer and after every wake().
    PostResult post(const std::string& url, const std::string& body, std::chrono::milliseconds timeout,
                    const std::function<bool()>& interrupted);

    // Makes a post() under way (or the next one) ask `interrupted` again. Any thread.
    void wake();

private:
    void* multi_ = nullptr;  // CURLM*, kept out of this header with curl's
};

}  // namespace meshprobe::watch
