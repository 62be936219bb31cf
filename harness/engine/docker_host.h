#pragma once
#include <optional>
#include <string>

namespace meshprobe {

// Where the Docker engine listens, parsed from a DOCKER_HOST-style URL.
struct DockerHost {
    enum class Kind { unix_socket, tcp };

    // The files of a TLS connection, as the docker CLI finds them.
    struct Tls {
        std::string ca;    // the only authority the engine's certificate may chain to
        std::string cert;  // the client's certificate and key, which the engine verifies
        std::string key;
    };

    Kind kind = Kind::unix_socket;
    std::string socket_path;  // unix_socket
    std::string host;         // tcp
    int port = 0;             // tcp
    std::optional<Tls> tls;   // tcp with $DOCKER_TLS_VERIFY: HTTPS, the engine verified

    // "unix:///path" or "tcp://host[:port]" (plain HTTP, port 2375 by default).
    // An empty text means $DOCKER_HOST if set, else the local socket.
    // As the docker CLI: with $DOCKER_TLS_VERIFY set (to anything), tcp is HTTPS (port 2376 by
    // default) with ca.pem, cert.pem and key.pem from $DOCKER_CERT_PATH, else $DOCKER_CONFIG,
    // else ~/.docker; one of them missing is an InputError, never a plain connection.
    // Throws InputError for anything else.
    static DockerHost parse(const std::string& text);

    // How to name this engine to a person: the socket path, "tcp://host:port" or
    // "tcp://host:port (TLS)".
    std::string describe() const;
    // As DOCKER_HOST names it: "unix:///path" or "tcp://host:port", for compose and the CLI
    // (which read the TLS variables themselves).
    std::string url() const;
    // Where curl sends requests: "http://docker" (the socket's), "http://host:port" or
    // "https://host:port".
    std::string base_url() const;
};

inline constexpr const char* kDefaultDockerSocket = "/var/run/docker.sock";

}  // namespace meshprobe
