#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "watch/metrics.h"

struct mg_context;

namespace meshprobe::watch {

// Where --metrics listens: an IPv4 literal, or an IPv6 literal in brackets, and a port.
struct ListenAddress {
    std::string host;  // without brackets
    int port = 0;      // 0: any free port

    // "127.0.0.1:9464", "[::1]:9464"
    std::string str() const;
};

// "HOST:PORT" or "[IPV6]:PORT"; InputError (exit 2) for anything else, a name like "localhost"
// included: which address a name means is not the user's to guess at.
ListenAddress parse_listen_address(std::string_view text);

// What to tell the user before serving on `address`: nothing for a loopback address, a warning
// for one that other machines can reach (0.0.0.0, ::, a LAN address).
std::optional<std::string> exposure_warning(const ListenAddress& address);

// The limits a client meets; docs/watch.md and docs/security.md quote them.
struct MetricsServerLimits {
    // Clients answered at once; one more waits until a worker is free.
    static constexpr int kWorkers = 32;
    // Accepted connections that wait for a worker; beyond that they wait in the kernel's backlog.
    static constexpr int kQueue = 32;
    static constexpr int kBacklog = 64;
    // The request line and headers; a longer request is answered 400.
    static constexpr int kMaxRequestBytes = 16 * 1024;
};

// Serves a registry's render() at GET /metrics as Prometheus scrapes it, on civetweb's threads:
// up to MetricsServerLimits::kWorkers clients at once, each with Connection: close and a deadline
// of `client_timeout` for its whole request (a client that sends nothing, or part of a request,
// is dropped then, and holds only its own worker meanwhile).
class MetricsServer {
public:
    // `metrics` must outlive the server. Listens before it returns, and says on stderr when the
    // address is reachable from other machines (exposure_warning). InputError for an address
    // that is no literal or not this machine's, or an IPv6 one when the HTTP library was built
    // without IPv6; InfraError (exit 3) when the address cannot be bound (the port is in use).
    MetricsServer(const Metrics& metrics, const ListenAddress& address,
                  std::chrono::milliseconds client_timeout = std::chrono::seconds(5));
    ~MetricsServer();
    MetricsServer(const MetricsServer&) = delete;
    MetricsServer& operator=(const MetricsServer&) = delete;

    // The address it listens on, with the port the kernel chose for port 0.
    const ListenAddress& address() const { return bound_; }
    int port() const { return bound_.port; }

    // Frees the port at once and returns when the workers have ended: at once when they are idle,
    // within civetweb's 2 s poll quantum when one is waiting on a client; idempotent.
    void stop();

    // Whether this build's civetweb serves IPv6 (Debian 12's libcivetweb1 does not).
    static bool serves_ipv6();

private:
    const Metrics& metrics_;
    ListenAddress bound_;
    mg_context* context_ = nullptr;
};

}  // namespace meshprobe::watch
