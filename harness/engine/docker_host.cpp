#include "engine/docker_host.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

#include "core/errors.h"

namespace meshprobe {
namespace {

constexpr std::string_view kUnixScheme = "unix://";
constexpr std::string_view kTcpScheme = "tcp://";
constexpr int kDefaultTcpPort = 2375;
constexpr int kDefaultTlsPort = 2376;

[[noreturn]] void reject(const std::string& text, const std::string& why) {
    throw InputError(fmt::format(
        "Docker host '{}': {} (use unix:///path/to/docker.sock or tcp://host:port)", text, why));
}

DockerHost parse_unix(const std::string& text) {
    DockerHost result;
    result.kind = DockerHost::Kind::unix_socket;
    result.socket_path = text.substr(kUnixScheme.size());
    if (result.socket_path.empty()) result.socket_path = kDefaultDockerSocket;
    if (result.socket_path.front() != '/') reject(text, "the socket path must be absolute");
    return result;
}

// The variable's value, or empty when it is unset.
std::string variable(const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr ? std::string{} : value;
}

// The folder of the TLS files, as the docker CLI looks for it.
std::string certificate_folder() {
    if (std::string path = variable("DOCKER_CERT_PATH"); !path.empty()) return path;
    if (std::string config = variable("DOCKER_CONFIG"); !config.empty()) return config;
    if (std::string home = variable("HOME"); !home.empty()) return home + "/.docker";
    throw InputError("DOCKER_TLS_VERIFY is set, but neither DOCKER_CERT_PATH nor HOME says where its certificates are");
}

DockerHost::Tls tls_files() {
    const std::string folder = certificate_folder();
    DockerHost::Tls tls{folder + "/ca.pem", folder + "/cert.pem", folder + "/key.pem"};
    for (const std::string* file : {&tls.ca, &tls.cert, &tls.key}) {
        if (::access(file->c_str(), R_OK) != 0) {
            throw InputError(fmt::format("DOCKER_TLS_VERIFY is set, but {} cannot be read ({}): meshprobe talks to "
                                         "the engine over verified TLS only (set DOCKER_CERT_PATH to the folder of "
                                         "ca.pem, cert.pem and key.pem, or unset DOCKER_TLS_VERIFY)",
                                         *file, std::strerror(errno)));
        }
    }
    return tls;
}

DockerHost parse_tcp(const std::string& text) {
    std::string rest = text.substr(kTcpScheme.size());
    while (!rest.empty() && rest.back() == '/') rest.pop_back();
    if (rest.find('/') != std::string::npos) reject(text, "a path after host:port is not supported");

    DockerHost result;
    result.kind = DockerHost::Kind::tcp;
    // Any value turns it on, "0" too, as for the docker CLI.
    if (!variable("DOCKER_TLS_VERIFY").empty()) result.tls = tls_files();
    result.port = result.tls ? kDefaultTlsPort : kDefaultTcpPort;
    std::string::size_type colon = rest.rfind(':');
    // "[::1]:2375" keeps its brackets in the host, which is what curl's URL wants.
    if (colon != std::string::npos && rest.find(']', colon) == std::string::npos) {
        std::string port_text = rest.substr(colon + 1);
        rest.resize(colon);
        char* end = nullptr;
        long port = std::strtol(port_text.c_str(), &end, 10);
        if (port_text.empty() || *end != '\0' || port < 1 || port > 65535) {
            reject(text, fmt::format("'{}' is not a port number", port_text));
        }
        result.port = static_cast<int>(port);
    }
    if (rest.empty()) reject(text, "the host name is missing");
    result.host = rest;
    return result;
}

}  // namespace

DockerHost DockerHost::parse(const std::string& text) {
    if (text.empty()) {
        const char* env = std::getenv("DOCKER_HOST");
        if (env != nullptr && *env != '\0') return parse(env);
        return parse(std::string(kUnixScheme) + kDefaultDockerSocket);
    }
    if (text.starts_with(kUnixScheme)) return parse_unix(text);
    if (text.starts_with(kTcpScheme)) return parse_tcp(text);
    if (text.starts_with("ssh://") || text.starts_with("npipe://")) {
        reject(text, "this scheme is not supported by meshprobe");
    }
    reject(text, "unknown scheme");
}

std::string DockerHost::url() const {
    if (kind == Kind::unix_socket) return std::string(kUnixScheme) + socket_path;
    return fmt::format("tcp://{}:{}", host, port);
}

std::string DockerHost::describe() const {
    if (kind == Kind::unix_socket) return socket_path;
    return fmt::format("tcp://{}:{}{}", host, port, tls ? " (TLS)" : "");
}

std::string DockerHost::base_url() const {
    // The host part is ignored on a unix socket, but curl needs one.
    if (kind == Kind::unix_socket) return "http://docker";
    return fmt::format("{}://{}:{}", tls ? "https" : "http", host, port);
}

}  // namespace meshprobe
