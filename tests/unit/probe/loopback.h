#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "probes/unique_fd.h"

// Sockets on 127.0.0.1 that make each connect outcome happen without leaving the machine.
namespace meshprobe::probe::testing {

// A port nobody listens on right now (bound and released, so picked by the kernel).
int free_port();

// Waits until something accepts TCP connections on 127.0.0.1:port.
bool wait_for_listener(int port, std::chrono::milliseconds limit);

// A bound socket that does not listen: connects to its port are refused, and no one else
// can take the port while it exists.
class ClosedPort {
public:
    ClosedPort();
    int port() const { return port_; }

private:
    int port_ = 0;  // before socket_: the socket's initialiser sets it
    UniqueFd socket_;
};

// A listener that never accepts. With `fill_queue`, its accept queue is filled first, so
// the kernel drops further SYNs and a connect waits for its whole timeout.
class StuckListener {
public:
    explicit StuckListener(bool fill_queue);
    int port() const { return port_; }

private:
    int port_ = 0;  // before socket_: the socket's initialiser sets it
    UniqueFd socket_;
    std::vector<UniqueFd> queued_;
};

// Sends one UDP datagram to 127.0.0.1:port and returns the answer ("" when none came).
std::string udp_exchange(int port, const std::string& message, std::chrono::milliseconds limit);

}  // namespace meshprobe::probe::testing
