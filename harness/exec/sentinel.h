#pragma once
#include <atomic>
#include <string>
#include <thread>

namespace meshprobe {

// A TCP listener on the host, on every address and a free port, that greets each connection
// with "meshprobe-sentinel <token>": the destination of the egress checks to the host.
// Whoever connects has proven a path to the host, and the greeting proves it was this host.
class Sentinel {
public:
    Sentinel();
    ~Sentinel();
    Sentinel(const Sentinel&) = delete;
    Sentinel& operator=(const Sentinel&) = delete;

    int port() const { return port_; }
    const std::string& token() const { return token_; }

private:
    void serve();

    int fd_ = -1;
    int port_ = 0;
    std::string token_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace meshprobe
