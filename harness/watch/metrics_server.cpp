#include "watch/metrics_server.h"

#include <civetweb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstring>
#include <iostream>
#include <string>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "core/errors.h"
#include "core/ip_address.h"
#include "probes/socket_address.h"
#include "probes/unique_fd.h"

namespace meshprobe::watch {
namespace {

constexpr std::string_view kExample = "expected HOST:PORT with an IP address, e.g. 127.0.0.1:9464 or [::1]:9464";
constexpr unsigned kFeatureIpv6 = 8;  // mg_check_feature's bit for IPv6

InputError bad_address(std::string_view text, std::string_view why) {
    return InputError(fmt::format("metrics address '{}': {} ({})", text, why, kExample));
}

bool is_ip(const std::string& host, int family) {
    unsigned char buffer[sizeof(in6_addr)];
    return ::inet_pton(family, host.c_str(), buffer) == 1;
}

void send_reply(mg_connection* connection, std::string_view status, std::string_view content_type,
                const std::string& body, bool with_body, std::string_view extra_headers = {}) {
    const std::string head =
        fmt::format("HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n{}Connection: close\r\n\r\n", status,
                    content_type, body.size(), extra_headers);
    // A client that went away or missed its deadline is civetweb's to drop; nothing to tell it.
    if (mg_write(connection, head.data(), head.size()) > 0 && with_body && !body.empty())
        mg_write(connection, body.data(), body.size());
}

// civetweb's handler for every path: /metrics is the one there is.
int answer(mg_connection* connection, void* data) {
    const auto& metrics = *static_cast<const Metrics*>(data);
    const mg_request_info* request = mg_get_request_info(connection);
    const std::string_view method = request->request_method;
    const std::string_view path = request->local_uri ? request->local_uri : "";
    const bool head = method == "HEAD";
    try {
        if (path != "/metrics") {
            send_reply(connection, "404 Not Found", "text/plain; charset=utf-8",
                       "not found: the metrics are at /metrics\n", !head);
            return 404;
        }
        if (method != "GET" && !head) {
            send_reply(connection, "405 Method Not Allowed", "text/plain; charset=utf-8", "only GET and HEAD\n", true,
                       "Allow: GET, HEAD\r\n");
            return 405;
        }
        send_reply(connection, "200 OK", "text/plain; version=0.0.4; charset=utf-8", metrics.render(), !head);
        return 200;
    } catch (...) {
        // Out of memory while rendering: this client goes unanswered, the next is served. No
        // exception may cross into civetweb's C.
        return 500;
    }
}

// Set on the constructing thread while civetweb starts, so that its reason for a failure (which
// it only logs) can go into ours; civetweb's own threads log into nothing.
thread_local std::string* start_log = nullptr;

int log_message(const mg_connection*, const char* message) {
    if (start_log != nullptr && start_log->empty() && message != nullptr) *start_log = message;
    return 1;  // civetweb prints nothing itself
}

// civetweb says only that the ports could not be set up; a bind of our own says why, so that an
// address of another machine is the user's error and a port in use is not.
[[noreturn]] void throw_bind_failure(const ListenAddress& address, const std::string& library_reason) {
    const std::optional<probe::SocketAddress> socket_address = probe::socket_address(address.host, address.port);
    int error = 0;
    if (socket_address) {
        const probe::UniqueFd socket(::socket(socket_address->family(), SOCK_STREAM | SOCK_CLOEXEC, 0));
        int one = 1;  // as civetweb binds: a port held only by TIME_WAIT is free
        ::setsockopt(socket.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (::bind(socket.get(), socket_address->get(), socket_address->length) != 0) error = errno;
    }
    if (error == EADDRINUSE)
        throw InfraError(
            fmt::format("cannot serve metrics on {}: the port is in use (is another watch running?)", address.str()));
    if (error == EADDRNOTAVAIL)
        throw InputError(
            fmt::format("metrics address '{}': {} is not an address of this machine", address.str(), address.host));
    if (error != 0)
        throw InfraError(fmt::format("cannot serve metrics on {}: {}", address.str(), std::strerror(error)));
    throw InfraError(fmt::format("cannot serve metrics on {}: {}", address.str(),
                                 library_reason.empty() ? "the HTTP server did not start" : library_reason));
}

// Where a connection of our own reaches the listener: the loopback of its family for an
// any-address, the address itself otherwise.
std::string reachable_host(const ListenAddress& address) {
    if (!binds_all_addresses(address.host)) return address.host;
    return address.host.find(':') != std::string::npos ? "::1" : "127.0.0.1";
}

// civetweb's accept loop looks at its stop flag only between polls of 2 s; a connection makes
// the poll return at once. Closed at once too, so that should a worker take it, it sees the end
// of input and is free again.
void wake_listener(const ListenAddress& address) {
    const std::optional<probe::SocketAddress> target = probe::socket_address(reachable_host(address), address.port);
    if (!target) return;
    const probe::UniqueFd socket(::socket(target->family(), SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (socket.valid()) (void)::connect(socket.get(), target->get(), target->length);
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

std::optional<std::string> exposure_warning(const ListenAddress& address) {
    if (is_loopback_address(address.host)) return std::nullopt;
    const bool everywhere = binds_all_addresses(address.host);
    return fmt::format("metrics on {} are served to {}; use 127.0.0.1 unless a scraper elsewhere needs them",
                       address.str(),
                       everywhere ? "every network this host is on" : "every machine that reaches " + address.host);
}

bool MetricsServer::serves_ipv6() {
    static const bool ipv6 = [] {
        mg_init_library(0);  // once per process, before the first server; it is never undone
        return mg_check_feature(kFeatureIpv6) != 0;
    }();
    return ipv6;
}

MetricsServer::MetricsServer(const Metrics& metrics, const ListenAddress& address,
                             std::chrono::milliseconds client_timeout)
    : metrics_(metrics), bound_(address) {
    if (!probe::socket_address(address.host, address.port))
        throw bad_address(address.str(), "'" + address.host + "' is no IP address");
    if (address.host.find(':') != std::string::npos && !serves_ipv6())
        throw InputError(fmt::format(
            "metrics address '{}': this build's HTTP server (Debian's civetweb) has no IPv6; use an IPv4 address, "
            "e.g. 127.0.0.1:{}",
            address.str(), address.port));

    using Limits = MetricsServerLimits;
    const std::string ports = address.str();
    const std::string timeout = std::to_string(std::max<long long>(1, client_timeout.count()));
    const std::string workers = std::to_string(Limits::kWorkers);
    const std::string queue = std::to_string(Limits::kQueue);
    const std::string backlog = std::to_string(Limits::kBacklog);
    const std::string request_bytes = std::to_string(Limits::kMaxRequestBytes);
    // A name and its value to a line.
    // clang-format off
    const char* options[] = {
        "listening_ports", ports.c_str(),
        "num_threads", workers.c_str(),
        "connection_queue", queue.c_str(),
        "listen_backlog", backlog.c_str(),
        "request_timeout_ms", timeout.c_str(),  // the whole request line and headers, and each write
        "max_request_size", request_bytes.c_str(),
        "enable_keep_alive", "no",
        "decode_url", "no",  // the path as sent: /%6detrics is not /metrics
        // No CORS preflight answered by civetweb itself: OPTIONS is a method /metrics does not allow.
        "access_control_allow_origin", "",
        "access_control_allow_methods", "",
        "access_control_allow_headers", "",
        nullptr,
    };
    // clang-format on
    mg_callbacks callbacks{};
    callbacks.log_message = log_message;
    mg_init_data init{};
    init.callbacks = &callbacks;
    init.configuration_options = options;
    char error_text[256] = "";
    mg_error_data error{};
    error.text = error_text;
    error.text_buffer_size = sizeof error_text;

    serves_ipv6();  // civetweb initialised
    // civetweb's threads inherit this thread's signal mask: with every signal blocked there, a
    // Ctrl-C goes to a thread of meshprobe's, whose waits it is meant to cut short.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &previous);
    std::string reason;
    start_log = &reason;
    context_ = mg_start2(&init, &error);
    start_log = nullptr;
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (context_ == nullptr) throw_bind_failure(address, reason.empty() ? error_text : reason);

    mg_set_request_handler(context_, "/", answer, const_cast<Metrics*>(&metrics_));
    mg_server_port port{};
    if (mg_get_server_ports(context_, 1, &port) != 1 || port.port <= 0) {
        stop();
        throw InfraError(fmt::format("cannot serve metrics on {}: the HTTP server has no port", ports));
    }
    bound_.port = port.port;
    if (const std::optional<std::string> warning = exposure_warning(bound_))
        std::cerr << "meshprobe: warning: " << *warning << "\n";
}

MetricsServer::~MetricsServer() { stop(); }

void MetricsServer::stop() {
    if (context_ == nullptr) return;
    std::atomic<bool> stopped{false};
    std::thread stopper;
    try {
        stopper = std::thread([this, &stopped] {
            mg_stop(context_);
            stopped = true;
        });
    } catch (const std::system_error&) {
        mg_stop(context_);  // no thread to spare: stopped all the same, within civetweb's 2 s poll
        context_ = nullptr;
        return;
    }
    // Until civetweb's accept loop has seen its stop flag and closed the port (a connection
    // refused then), a connection wakes it; the workers it then joins end within their poll.
    while (!stopped) {
        wake_listener(bound_);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stopper.join();
    context_ = nullptr;
}

}  // namespace meshprobe::watch
