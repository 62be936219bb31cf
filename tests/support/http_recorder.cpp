#include "http_recorder.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace meshprobe::testing {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string trim(std::string text) {
    text.erase(0, text.find_first_not_of(" \t"));
    text.erase(text.find_last_not_of(" \t") + 1);
    return text;
}

void send_all(int fd, const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return;  // the client went away; nothing to answer
        sent += static_cast<std::size_t>(n);
    }
}

std::string response(int status) {
    const std::string body = "{\"status\":" + std::to_string(status) + "}";
    return "HTTP/1.1 " + std::to_string(status) + " Recorded\r\nContent-Type: application/json\r\n" +
           "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error("http recorder: " + what + ": " + std::strerror(errno));
}

}  // namespace

HttpRecorder::HttpRecorder() {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener_ < 0) fail("socket");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 64) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(listener_);
        fail("cannot listen on 127.0.0.1");
    }
    port_ = ntohs(address.sin_port);
    wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (wake_fd_ < 0) {
        ::close(listener_);
        fail("eventfd");
    }
    server_ = std::thread([this] { serve_loop(); });
}

HttpRecorder::~HttpRecorder() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake();
    server_.join();
    ::close(listener_);
    ::close(wake_fd_);
}

std::string HttpRecorder::url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

void HttpRecorder::fail_first(int count, int status) {
    std::lock_guard lock(mutex_);
    fail_count_ = count;
    fail_status_ = status;
}

void HttpRecorder::answer(int status) {
    std::lock_guard lock(mutex_);
    answer_status_ = status;
}

void HttpRecorder::hang(bool on) {
    {
        std::lock_guard lock(mutex_);
        hanging_ = on;
    }
    wake();
}

void HttpRecorder::on_request(std::function<void(const HttpRequest&)> callback) {
    std::lock_guard lock(mutex_);
    callback_ = std::move(callback);
}

std::vector<HttpRequest> HttpRecorder::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

bool HttpRecorder::wait_for_requests(std::size_t count, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return recorded_.wait_for(lock, timeout, [&] { return requests_.size() >= count; });
}

void HttpRecorder::wake() {
    const std::uint64_t one = 1;
    if (::write(wake_fd_, &one, sizeof one) != sizeof one) std::abort();
}

// Until `fd` is readable (true) or wake() was called (false; the caller looks at why).
bool HttpRecorder::readable_before_wake(int fd) {
    while (true) {
        pollfd fds[2] = {{fd, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            fail("poll");
        }
        if (fds[1].revents != 0) {
            std::uint64_t count = 0;
            [[maybe_unused]] const ssize_t ignored = ::read(wake_fd_, &count, sizeof count);
            return false;
        }
        return true;
    }
}

bool HttpRecorder::stopping() const {
    std::lock_guard lock(mutex_);
    return stopping_;
}

bool HttpRecorder::wait_readable(int fd) {
    // Asked before each wait: the wake that ended the recorder may have been taken by an earlier one.
    while (!stopping())
        if (readable_before_wake(fd)) return true;
    return false;
}

void HttpRecorder::serve_loop() {
    while (wait_readable(listener_)) {
        const int connection = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (connection < 0) continue;
        serve(connection);
        ::close(connection);
    }
}

bool HttpRecorder::read_request(int connection, HttpRequest& request) {
    std::string data;
    char buffer[65536];
    const auto read_more = [&] {
        if (!wait_readable(connection)) return false;
        const ssize_t n = ::read(connection, buffer, sizeof buffer);
        if (n <= 0) return false;
        data.append(buffer, static_cast<std::size_t>(n));
        return true;
    };
    std::string::size_type head_end;
    while ((head_end = data.find("\r\n\r\n")) == std::string::npos)
        if (!read_more()) return false;

    const std::string head = data.substr(0, head_end);
    std::string::size_type line_end = head.find("\r\n");
    const std::string request_line = head.substr(0, line_end);
    const std::string::size_type space1 = request_line.find(' ');
    const std::string::size_type space2 = request_line.find(' ', space1 + 1);
    request.method = request_line.substr(0, space1);
    request.target = request_line.substr(space1 + 1, space2 - space1 - 1);
    while (line_end != std::string::npos) {
        const std::string::size_type start = line_end + 2;
        line_end = head.find("\r\n", start);
        const std::string line = head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
        const std::string::size_type colon = line.find(':');
        if (colon != std::string::npos) request.headers[lower(line.substr(0, colon))] = trim(line.substr(colon + 1));
    }

    std::size_t length = 0;
    if (auto it = request.headers.find("content-length"); it != request.headers.end())
        length = std::strtoul(it->second.c_str(), nullptr, 10);
    while (data.size() < head_end + 4 + length)
        if (!read_more()) return false;
    request.body = data.substr(head_end + 4, length);
    return true;
}

bool HttpRecorder::hold(int connection) {
    while (true) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return false;
            if (!hanging_) return true;
        }
        // Readable while waiting for its answer: the client closed the connection (gave up).
        if (readable_before_wake(connection)) return false;
    }
}

void HttpRecorder::serve(int connection) {
    HttpRequest request;
    if (!read_request(connection, request)) return;
    int status;
    std::function<void(const HttpRequest&)> callback;
    {
        std::lock_guard lock(mutex_);
        requests_.push_back(request);
        if (fail_count_ > 0) {
            --fail_count_;
            status = fail_status_;
        } else {
            status = answer_status_;
        }
        callback = callback_;
    }
    recorded_.notify_all();
    if (callback) callback(request);
    if (!hold(connection)) return;
    send_all(connection, response(status));
}

}  // namespace meshprobe::testing
