#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace meshprobe::probe {

struct ServeOptions {
    std::string name;
    std::vector<int> ports;  // sorted, no duplicates
};

// A mistake in the serve command line; the message is one line.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Reads "--name NAME --port P [--port P ...]" (also --name=NAME, --port=P).
ServeOptions parse_serve_options(const std::vector<std::string>& args);

// The stand-in: greets every TCP connection and UDP datagram on the ports with
// "meshprobe-standin NAME\n" until SIGTERM or SIGINT, then returns 0.
// Throws std::system_error when a port cannot be bound for IPv4.
int serve(const ServeOptions& options);

}  // namespace meshprobe::probe
