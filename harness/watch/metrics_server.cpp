#include "watch/metrics_server.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "core/errors.h"
#include "probes/socket_address.h"
#include "probes/unique_fd.h"

namespace meshprobe::watch {
namespace {

constexpr std::string_view kExample = "expected HOST:PORT with an IP address, e.g. 127.0.0.1:9464 or [::1]:9464";
// Far beyond what Prometheus sends; a client that sends more is not a scraper.
constexpr size_t kMaxRequest = size_t{16} * 1024;

InputError bad_address(std::string_view text, std::string_view why) {
    return InputError(fmt::format("metrics address '{}': {} ({})", text, why, kExample));
}

bool is_ip(const std::string& host, int family) {
    unsigned char buffer[sizeof(in6_addr)];
    return ::inet_pton(family, host.c_str(), buffer) == 1;
}

using Clock = std::chrono::steady_clock;

enum class Wait { ready, timeout, stopped };

// Waits until fd is ready for `events`, the deadline passes, or stop() wakes the server.
Wait wait_for(int fd, short events, int wake, Clock::time_point deadline) {
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return Wait::timeout;
        pollfd polled[2] = {{fd, events, 0}, {wake, POLLIN, 0}};
        const int n = ::poll(polled, 2, static_cast<int>(std::min<long long>(left, 60000)));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return Wait::timeout;
        if (polled[1].revents != 0) return Wait::stopped;
        if (polled[0].revents != 0) return Wait::ready;
    }
}

std::string response(std::string_view status, std::string_view content_type, const std::string& body, bool with_body,
                     std::string_view extra_headers = {}) {
    return fmt::format("HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n{}Connection: close\r\n\r\n{}", status,
                       content_type, body.size(), extra_headers, with_body ? body : std::string());
}

}  // namespace

std::string ListenAddress::str() const {
    return host.find(':') != std::string::npos ? fmt::format("[{}]:{}", host, port) : fmt::format("{}:{}", host, port);
}

ListenAddress parse_listen_address(std::string_view text) {
    ListenAddress address;
    std::string_view port_text;
    if (text.starts_with('[')) {
        const size_t close = text.find(']');
        if (close == std::string_view::npos) throw bad_address(text, "the '[' of an IPv6 address is not closed");
        address.host = std::string(text.substr(1, close - 1));
        if (close + 1 >= text.size() || text[close + 1] != ':') throw bad_address(text, "no port after the address");
        port_text = text.substr(close + 2);
        if (!is_ip(address.host, AF_INET6)) throw bad_address(text, "'" + address.host + "' is no IPv6 address");
    } else {
        const size_t colon = text.rfind(':');
        if (colon == std::string_view::npos) throw bad_address(text, "no port");
        address.host = std::string(text.substr(0, colon));
        port_text = text.substr(colon + 1);
        if (address.host.find(':') != std::string::npos) throw bad_address(text, "an IPv6 address goes in brackets");
        if (address.host.empty()) throw bad_address(text, "no address before the port");
        if (!is_ip(address.host, AF_INET)) throw bad_address(text, "'" + address.host + "' is no IP address");
    }
    if (port_text.empty()) throw bad_address(text, "no port");
    const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), address.port);
    if (error != std::errc() || end != port_text.data() + port_text.size() || port_text.front() == '-' ||
        address.port < 0 || address.port > 65535)
        throw bad_address(text, "'" + std::string(port_text) + "' is no port (0 to 65535)");
    return address;
}

MetricsServer::MetricsServer(const Metrics& metrics, const ListenAddress& address,
                             std::chrono::milliseconds client_timeout)
    : metrics_(metrics), client_timeout_(client_timeout), bound_(address) {
    const std::optional<probe::SocketAddress> socket_address = probe::socket_address(address.host, address.port);
    if (!socket_address) throw bad_address(address.str(), "'" + address.host + "' is no IP address");
    probe::UniqueFd listener(::socket(socket_address->family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!listener.valid())
        throw InfraError(fmt::format("cannot serve metrics on {}: socket: {}", address.str(), std::strerror(errno)));
    // A watch restarted at once must get its port back from the connections it left in TIME_WAIT;
    // on Linux this still refuses a port that another socket listens on.
    int one = 1;
    ::setsockopt(listener.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(listener.get(), socket_address->get(), socket_address->length) != 0) {
        const int error = errno;
        if (error == EADDRINUSE)
            throw InfraError(fmt::format("cannot serve metrics on {}: the port is in use (is another watch running?)",
                                         address.str()));
        // The flag names an address this machine does not have: the user's to correct.
        if (error == EADDRNOTAVAIL)
            throw InputError(
                fmt::format("metrics address '{}': {} is not an address of this machine", address.str(), address.host));
        throw InfraError(fmt::format("cannot serve metrics on {}: {}", address.str(), std::strerror(error)));
    }
    if (::listen(listener.get(), 16) != 0)
        throw InfraError(fmt::format("cannot serve metrics on {}: listen: {}", address.str(), std::strerror(errno)));
    bound_.port = probe::bound_port(listener.get());
    probe::UniqueFd wake(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    if (!wake.valid()) throw InfraError(fmt::format("cannot serve metrics: eventfd: {}", std::strerror(errno)));
    listener_ = listener.release();  // closed by stop() and the destructor
    wake_ = wake.release();
    try {
        thread_ = std::thread([this] { serve(); });
    } catch (const std::system_error& e) {
        ::close(std::exchange(listener_, -1));  // no destructor runs for a constructor that throws
        ::close(std::exchange(wake_, -1));
        throw InfraError(fmt::format("cannot serve metrics on {}: {}", bound_.str(), e.what()));
    }
}

MetricsServer::~MetricsServer() {
    stop();
    if (wake_ >= 0) ::close(wake_);
}

void MetricsServer::stop() {
    if (thread_.joinable()) {
        const std::uint64_t one = 1;
        // An eventfd write of 1 cannot fail short of overflowing a counter no one else writes.
        [[maybe_unused]] const ssize_t written = ::write(wake_, &one, sizeof one);
        thread_.join();
    }
    // The port is free the moment watch stops, not when the server object goes.
    if (listener_ >= 0) ::close(std::exchange(listener_, -1));
}

void MetricsServer::serve() {
    while (true) {
        pollfd polled[2] = {{listener_, POLLIN, 0}, {wake_, POLLIN, 0}};
        if (::poll(polled, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        if (polled[1].revents != 0) return;
        if ((polled[0].revents & POLLIN) == 0) continue;
        const int client = ::accept4(listener_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (client < 0) {
            // Out of descriptors or memory: the listener stays readable, so wait a moment rather
            // than spin, still waking for stop().
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
                wait_for(wake_, POLLIN, wake_, Clock::now() + std::chrono::milliseconds(100));
            continue;
        }
        try {
            answer(client);
        } catch (...) {
            // Out of memory while rendering: this client goes unanswered, the next is served.
        }
        ::close(client);
    }
}

void MetricsServer::answer(int client) {
    const Clock::time_point deadline = Clock::now() + client_timeout_;
    std::string request;
    char buffer[4096];
    size_t head_end = std::string::npos;
    while (head_end == std::string::npos) {
        if (wait_for(client, POLLIN, wake_, deadline) != Wait::ready) return;
        const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (n <= 0) return;
        request.append(buffer, static_cast<size_t>(n));
        head_end = request.find("\r\n\r\n");
        if (head_end == std::string::npos) head_end = request.find("\n\n");
        if (head_end == std::string::npos && request.size() > kMaxRequest) break;
    }

    std::string reply;
    const std::string_view line = std::string_view(request).substr(0, request.find_first_of("\r\n"));
    const size_t first_space = line.find(' ');
    const size_t second_space = first_space == std::string_view::npos ? first_space : line.find(' ', first_space + 1);
    if (head_end == std::string::npos || second_space == std::string_view::npos ||
        !line.substr(second_space + 1).starts_with("HTTP/")) {
        reply = response("400 Bad Request", "text/plain; charset=utf-8", "not an HTTP request\n", true);
    } else {
        const std::string_view method = line.substr(0, first_space);
        const std::string_view target = line.substr(first_space + 1, second_space - first_space - 1);
        const std::string_view path = target.substr(0, target.find('?'));
        const bool head = method == "HEAD";
        if (path != "/metrics") {
            reply = response("404 Not Found", "text/plain; charset=utf-8", "not found: the metrics are at /metrics\n",
                             !head);
        } else if (method != "GET" && !head) {
            reply = response("405 Method Not Allowed", "text/plain; charset=utf-8", "only GET and HEAD\n", true,
                             "Allow: GET, HEAD\r\n");
        } else {
            reply = response("200 OK", "text/plain; version=0.0.4; charset=utf-8", metrics_.render(), !head);
        }
    }

    size_t sent = 0;
    while (sent < reply.size()) {
        if (wait_for(client, POLLOUT, wake_, deadline) != Wait::ready) return;
        const ssize_t n = ::send(client, reply.data() + sent, reply.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (n <= 0) return;
        sent += static_cast<size_t>(n);
    }
    // Closing with unread input (a request body) would reset the connection and could discard
    // the reply before the client reads it: say we are done, then take what is already there
    // (a bounded amount, so that a client sending without end cannot keep the server here).
    ::shutdown(client, SHUT_WR);
    size_t drained = 0;
    ssize_t n = 0;
    while (drained < kMaxRequest && (n = ::recv(client, buffer, sizeof buffer, 0)) > 0)
        drained += static_cast<size_t>(n);
}

}  // namespace meshprobe::watch
