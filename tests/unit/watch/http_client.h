#pragma once
// A plain TCP client for the metrics server's tests: what it sends and when is the test's to say
// (a partial request, nothing at all), which no HTTP client library lets a test do.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <optional>
#include <string>

namespace meshprobe::watch {

using Clock = std::chrono::steady_clock;

// A connected TCP socket to host:port, closed when it goes.
class Client {
public:
    // receive_buffer > 0: a small window, so that a client that does not read holds the
    // server's reply back once the buffers between them are full.
    Client(const std::string& host, int port, int receive_buffer = 0) {
        sockaddr_storage address{};
        socklen_t length = 0;
        auto* v4 = reinterpret_cast<sockaddr_in*>(&address);
        auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
        if (::inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
            v4->sin_family = AF_INET;
            v4->sin_port = htons(static_cast<uint16_t>(port));
            length = sizeof *v4;
        } else {
            ::inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr);
            v6->sin6_family = AF_INET6;
            v6->sin6_port = htons(static_cast<uint16_t>(port));
            length = sizeof *v6;
        }
        fd_ = ::socket(address.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (receive_buffer > 0) ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }
    ~Client() {
        if (fd_ >= 0) ::close(fd_);
    }
    bool connected() const { return fd_ >= 0; }
    int fd() const { return fd_; }
    // Whether the server has closed the connection (or reset it), without waiting.
    bool closed_by_peer() const {
        char byte = 0;
        const ssize_t n = ::recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
    }
    void send(const std::string& text) const { (void)::send(fd_, text.data(), text.size(), MSG_NOSIGNAL); }
    // Everything until the server closes; nullopt when it does not within the timeout.
    std::optional<std::string> read_all(std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
        std::string text;
        const auto deadline = Clock::now() + timeout;
        while (true) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            if (left <= 0) return std::nullopt;
            pollfd polled{fd_, POLLIN, 0};
            if (::poll(&polled, 1, static_cast<int>(left)) <= 0) continue;
            char buffer[4096];
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) return text;
            text.append(buffer, static_cast<size_t>(n));
        }
    }

private:
    int fd_ = -1;
};

inline std::string http_exchange(int port, const std::string& request, const std::string& host = "127.0.0.1") {
    Client client(host, port);
    if (!client.connected()) return "not connected";
    client.send(request);
    return client.read_all().value_or("no answer");
}

inline std::string get(int port, const std::string& path) {
    return http_exchange(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n");
}

inline std::string body_of(const std::string& response) { return response.substr(response.find("\r\n\r\n") + 4); }

// "HTTP/1.1 200 OK"; civetweb answers a request it could not read as HTTP/1.0.
inline std::string status_line(const std::string& response) { return response.substr(0, response.find("\r\n")); }

}  // namespace meshprobe::watch
