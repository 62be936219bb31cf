#include "loopback.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <stdexcept>
#include <thread>

namespace meshprobe::probe::testing {
namespace {

sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    return address;
}

UniqueFd bound_socket(int type, int& port) {
    UniqueFd socket(::socket(AF_INET, type | SOCK_CLOEXEC, 0));
    sockaddr_in address = loopback(0);
    if (!socket.valid() || ::bind(socket.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        throw std::runtime_error("cannot bind a loopback socket");
    }
    socklen_t length = sizeof address;
    ::getsockname(socket.get(), reinterpret_cast<sockaddr*>(&address), &length);
    port = ntohs(address.sin_port);
    return socket;
}

// Starts a non-blocking connect; true when it completed within `limit`.
bool connects(UniqueFd& socket, int port, std::chrono::milliseconds limit) {
    socket.reset(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    sockaddr_in address = loopback(port);
    if (::connect(socket.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
        return true;
    }
    if (errno != EINPROGRESS) {
        return false;
    }
    pollfd ready{socket.get(), POLLOUT, 0};
    if (::poll(&ready, 1, static_cast<int>(limit.count())) != 1) {
        return false;
    }
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(socket.get(), SOL_SOCKET, SO_ERROR, &error, &length);
    return error == 0;
}

}  // namespace

int free_port() {
    int port = 0;
    bound_socket(SOCK_STREAM, port);
    return port;
}

bool wait_for_listener(int port, std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        UniqueFd socket;
        if (connects(socket, port, std::chrono::milliseconds(100))) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

ClosedPort::ClosedPort() : socket_(bound_socket(SOCK_STREAM, port_)) {}

StuckListener::StuckListener(bool fill_queue) : socket_(bound_socket(SOCK_STREAM, port_)) {
    if (::listen(socket_.get(), 0) != 0) {
        throw std::runtime_error("cannot listen on a loopback socket");
    }
    if (!fill_queue) {
        return;
    }
    // Connect until one hangs: from then on the queue is full and SYNs are dropped.
    for (int attempt = 0; attempt < 64; ++attempt) {
        UniqueFd client;
        const bool done = connects(client, port_, std::chrono::milliseconds(100));
        queued_.push_back(std::move(client));
        if (!done) {
            return;
        }
    }
    throw std::runtime_error("the accept queue never filled");
}

std::string udp_exchange(int port, const std::string& message, std::chrono::milliseconds limit) {
    int own_port = 0;
    UniqueFd socket = bound_socket(SOCK_DGRAM, own_port);
    sockaddr_in address = loopback(port);
    ::sendto(socket.get(), message.data(), message.size(), 0, reinterpret_cast<sockaddr*>(&address), sizeof address);
    pollfd ready{socket.get(), POLLIN, 0};
    if (::poll(&ready, 1, static_cast<int>(limit.count())) != 1) {
        return {};
    }
    std::array<char, 512> buffer{};
    const ssize_t count = ::recv(socket.get(), buffer.data(), buffer.size(), 0);
    return count > 0 ? std::string(buffer.data(), static_cast<std::size_t>(count)) : std::string{};
}

}  // namespace meshprobe::probe::testing
