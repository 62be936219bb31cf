#pragma once
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace meshprobe::testing {

struct CannedResponse {
    int status = 200;
    std::string body = {};
    std::string content_type = "application/json";
    bool hang = false;  // never answer; the connection stays open until the engine stops
};

struct RecordedRequest {
    std::string method;
    std::string target;  // path and query, as sent
    std::string body = {};
    std::map<std::string, std::string> headers;  // names lower-cased
};

// A stand-in Docker engine: HTTP/1.1 on a unix socket in a fresh temporary directory,
// answering canned responses by method and path (the query is ignored for matching).
// Unknown paths get 404 {"message": "page not found"}.
class FakeEngine {
public:
    // Answers GET /version with this ApiVersion.
    explicit FakeEngine(const std::string& api_version = "1.41");
    ~FakeEngine();
    FakeEngine(const FakeEngine&) = delete;
    FakeEngine& operator=(const FakeEngine&) = delete;

    void on(const std::string& method, const std::string& path, CannedResponse response);
    std::string docker_host() const { return "unix://" + socket_path_; }
    const std::string& socket_path() const { return socket_path_; }
    std::vector<RecordedRequest> requests() const;
    // The requests whose method and path (without the query) match.
    std::vector<RecordedRequest> requests_to(const std::string& method, const std::string& path) const;

private:
    void accept_loop();
    void serve(int connection);
    CannedResponse route(const RecordedRequest& request) const;

    std::string directory_;
    std::string socket_path_;
    int listener_ = -1;
    int stop_pipe_[2] = {-1, -1};
    std::thread acceptor_;
    mutable std::mutex mutex_;
    std::map<std::string, CannedResponse> routes_;
    std::vector<RecordedRequest> requests_;
    std::vector<std::thread> connections_;
};

// "/a/b?x=1" -> "/a/b"
std::string path_of(const std::string& target);

}  // namespace meshprobe::testing
