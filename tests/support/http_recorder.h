#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace meshprobe::testing {

struct HttpRequest {
    std::string method;
    std::string target;                          // path and query, as sent
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
};

// An HTTP/1.1 server on 127.0.0.1 at a free port, for tests of what meshprobe sends: it records
// every request and answers 200, or what it is told to. One connection at a time, one request
// per connection (it answers "Connection: close").
class HttpRecorder {
public:
    HttpRecorder();
    ~HttpRecorder();
    HttpRecorder(const HttpRecorder&) = delete;
    HttpRecorder& operator=(const HttpRecorder&) = delete;

    int port() const { return port_; }
    // "http://127.0.0.1:PORT" followed by `path`.
    std::string url(std::string_view path = "/") const;

    // The next `count` requests are answered `status`; the ones after them as before.
    void fail_first(int count, int status = 500);
    // The status for requests that are not told otherwise (200 at first).
    void answer(int status);
    // While on, requests are recorded but not answered: each connection stays open until its
    // client gives up, hang(false) (which answers it), or the recorder ends.
    void hang(bool on);
    // Called on the server's thread with each request once it is recorded.
    void on_request(std::function<void(const HttpRequest&)> callback);

    std::vector<HttpRequest> requests() const;
    // Until `count` requests are recorded; false when `timeout` passes first.
    bool wait_for_requests(std::size_t count, std::chrono::milliseconds timeout) const;

private:
    void serve_loop();
    void serve(int connection);
    bool read_request(int connection, HttpRequest& request);
    bool readable_before_wake(int fd);
    bool wait_readable(int fd);  // false when the recorder ends first
    bool stopping() const;
    bool hold(int connection);   // while hanging; false when the client left or the recorder ends
    void wake();

    int listener_ = -1;
    int wake_fd_ = -1;  // an eventfd: stop or hang(false)
    int port_ = 0;
    mutable std::mutex mutex_;
    mutable std::condition_variable recorded_;
    bool stopping_ = false;
    bool hanging_ = false;
    int fail_count_ = 0;
    int fail_status_ = 500;
    int answer_status_ = 200;
    std::function<void(const HttpRequest&)> callback_;
    std::vector<HttpRequest> requests_;
    std::thread server_;
};

}  // namespace meshprobe::testing
