#pragma once
#include <chrono>
#include <string>
#include <string_view>
#include <thread>

#include "watch/metrics.h"

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

// Serves a registry's render() at GET /metrics as Prometheus scrapes it, on a thread of its own.
// Clients are answered one after another, each with Connection: close; one that sends or reads
// too slowly is dropped after `client_timeout`, so it holds the next scrape back no longer.
class MetricsServer {
public:
    // `metrics` must outlive the server.
    // Listens before it returns: InputError for an address that is no literal, InfraError
    // (exit 3) when the address cannot be bound (the port is in use, the address is not this
    // machine's).
    MetricsServer(const Metrics& metrics, const ListenAddress& address,
                  std::chrono::milliseconds client_timeout = std::chrono::seconds(5));
    ~MetricsServer();
    MetricsServer(const MetricsServer&) = delete;
    MetricsServer& operator=(const MetricsServer&) = delete;

    // The address it listens on, with the port the kernel chose for port 0.
    const ListenAddress& address() const { return bound_; }
    int port() const { return bound_.port; }

    // Ends the thread within a poll() wake-up, even while a client is being answered; idempotent.
    void stop();

private:
    void serve();
    void answer(int client);

    const Metrics& metrics_;
    std::chrono::milliseconds client_timeout_;
    ListenAddress bound_;
    int listener_ = -1;
    int wake_ = -1;  // an eventfd that stop() writes
    std::thread thread_;
};

}  // namespace meshprobe::watch
