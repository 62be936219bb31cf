#pragma once
#include <string>

namespace meshprobe {

// Where the Docker engine listens, parsed from a DOCKER_HOST-style URL.
struct DockerHost {
    enum class Kind { unix_socket, tcp };

    Kind kind = Kind::unix_socket;
    std::string socket_path;  // unix_socket
    std::string host;         // tcp
    int port = 0;             // tcp

    // "unix:///path" or "tcp://host[:port]" (plain HTTP, port 2375 by default).
    // An empty text means $DOCKER_HOST if set, else the local socket.
    // Throws InputError for anything else.
    static DockerHost parse(const std::string& text);

    // How to name this engine to a person: the socket path or "tcp://host:port".
    std::string describe() const;
    // As DOCKER_HOST names it: "unix:///path" or "tcp://host:port", for compose and the CLI.
    std::string url() const;
};

inline constexpr const char* kDefaultDockerSocket = "/var/run/docker.sock";

}  // namespace meshprobe
