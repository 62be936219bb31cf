#include "fake_engine.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

namespace meshprobe::testing {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

void write_all(int fd, const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return;  // the client went away; nothing to answer
        sent += static_cast<std::size_t>(n);
    }
}

// Reads one request; false when the client closed first.
bool read_request(int fd, RecordedRequest& request) {
    std::string data;
    char buffer[65536];
    std::string::size_type header_end;
    while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0) return false;
        data.append(buffer, static_cast<std::size_t>(n));
    }
    std::string head = data.substr(0, header_end);
    std::string::size_type line_end = head.find("\r\n");
    std::string request_line = head.substr(0, line_end);
    std::string::size_type space1 = request_line.find(' ');
    std::string::size_type space2 = request_line.find(' ', space1 + 1);
    request.method = request_line.substr(0, space1);
    request.target = request_line.substr(space1 + 1, space2 - space1 - 1);

    std::string::size_type at = line_end;
    while (at != std::string::npos && at < head.size()) {
        std::string::size_type next = head.find("\r\n", at + 2);
        std::string line = head.substr(at + 2, next == std::string::npos ? std::string::npos : next - at - 2);
        std::string::size_type colon = line.find(':');
        if (colon != std::string::npos) {
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            request.headers[lower(line.substr(0, colon))] = value;
        }
        at = next;
    }

    std::size_t length = 0;
    if (auto it = request.headers.find("content-length"); it != request.headers.end()) {
        length = std::strtoul(it->second.c_str(), nullptr, 10);
    }
    request.body = data.substr(header_end + 4);
    while (request.body.size() < length) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0) return false;
        request.body.append(buffer, static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace

std::string path_of(const std::string& target) { return target.substr(0, target.find('?')); }

FakeEngine::FakeEngine(const std::string& api_version) {
    char pattern[] = "/tmp/meshprobe-fake-engine-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
    directory_ = pattern;
    socket_path_ = directory_ + "/docker.sock";

    listener_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, socket_path_.c_str(), sizeof address.sun_path - 1);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 64) != 0 || ::pipe(stop_pipe_) != 0) {
        throw std::runtime_error(fmt::format("fake engine: cannot listen on {}: {}", socket_path_,
                                             std::strerror(errno)));
    }
    on("GET", "/version",
       {.body = fmt::format(R"({{"Version":"99.0.0-fake","ApiVersion":"{}","MinAPIVersion":"1.12",)"
                            R"("Os":"linux","Arch":"amd64"}})", api_version)});
    acceptor_ = std::thread([this] { accept_loop(); });
}

FakeEngine::~FakeEngine() {
    char stop = 'x';
    if (::write(stop_pipe_[1], &stop, 1) != 1) std::abort();
    acceptor_.join();
    for (std::thread& connection : connections_) connection.join();
    ::close(listener_);
    ::close(stop_pipe_[0]);
    ::close(stop_pipe_[1]);
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
}

void FakeEngine::on(const std::string& method, const std::string& path, CannedResponse response) {
    std::lock_guard lock(mutex_);
    routes_[method + " " + path] = std::move(response);
}

std::vector<RecordedRequest> FakeEngine::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

std::vector<RecordedRequest> FakeEngine::requests_to(const std::string& method,
                                                     const std::string& path) const {
    std::vector<RecordedRequest> matching;
    for (const RecordedRequest& request : requests()) {
        if (request.method == method && path_of(request.target) == path) matching.push_back(request);
    }
    return matching;
}

CannedResponse FakeEngine::route(const RecordedRequest& request) const {
    std::string path = path_of(request.target);
    // Versioned calls carry "/v1.41"; routes are registered without it.
    if (path.starts_with("/v") && path.find('/', 1) != std::string::npos &&
        std::isdigit(static_cast<unsigned char>(path[2]))) {
        std::string unversioned = path.substr(path.find('/', 1));
        std::lock_guard lock(mutex_);
        if (auto it = routes_.find(request.method + " " + unversioned); it != routes_.end()) return it->second;
    }
    std::lock_guard lock(mutex_);
    if (auto it = routes_.find(request.method + " " + path); it != routes_.end()) return it->second;
    return {.status = 404, .body = R"({"message":"page not found"})"};
}

void FakeEngine::accept_loop() {
    while (true) {
        pollfd fds[2] = {{listener_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) continue;
        if (fds[1].revents != 0) return;
        int connection = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (connection < 0) continue;
        std::lock_guard lock(mutex_);
        connections_.emplace_back([this, connection] { serve(connection); });
    }
}

void FakeEngine::serve(int connection) {
    RecordedRequest request;
    if (read_request(connection, request)) {
        {
            std::lock_guard lock(mutex_);
            requests_.push_back(request);
        }
        CannedResponse response = route(request);
        if (response.hang) {
            pollfd stop = {stop_pipe_[0], POLLIN, 0};
            ::poll(&stop, 1, -1);
        } else {
            write_all(connection, fmt::format("HTTP/1.1 {} Canned\r\nContent-Type: {}\r\nContent-Length: {}\r\n"
                                              "Api-Version: 1.41\r\nConnection: close\r\n\r\n{}",
                                              response.status, response.content_type,
                                              response.body.size(), response.body));
        }
    }
    ::close(connection);
}

}  // namespace meshprobe::testing
