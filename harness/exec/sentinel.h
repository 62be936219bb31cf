#pragma once
#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace meshprobe {

// A TCP listener on the host that greets each connection with "meshprobe-sentinel <token>":
// the destination of the egress checks to the host. Whoever connects has proven a path to
// the host, and the greeting proves it was this host. It listens on the given addresses only
// (the bridge gateways the checks aim at), one port for all, so nothing else on the host's
// interfaces, and no other namespace, finds it answering.
class Sentinel {
public:
    // IPv4 and IPv6 addresses; anything else is skipped. InfraError when it cannot listen on them.
    // `greeting` is the first word of the greeting: "meshprobe-outside" for the egress suite's
    // outside host, which listens the same way inside its own namespace.
    explicit Sentinel(const std::vector<std::string>& addresses, std::string greeting = "meshprobe-sentinel");
    ~Sentinel();
    Sentinel(const Sentinel&) = delete;
    Sentinel& operator=(const Sentinel&) = delete;

    int port() const { return port_; }
    const std::string& token() const { return token_; }
    const std::vector<std::string>& addresses() const { return addresses_; }

private:
    bool listen_all(int port);
    void close_all();
    void serve();

    std::vector<std::string> addresses_;
    std::vector<int> fds_;
    int port_ = 0;
    std::string greeting_;
    std::string token_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace meshprobe
