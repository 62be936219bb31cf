#include "exec/sentinel.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "core/errors.h"

namespace meshprobe {

Sentinel::Sentinel() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw InfraError(std::string("cannot open the egress sentinel: ") + std::strerror(errno));
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    socklen_t length = sizeof address;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd_, 512) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        std::string why = std::strerror(errno);
        ::close(fd_);
        throw InfraError("cannot open the egress sentinel on the host: " + why);
    }
    port_ = ntohs(address.sin_port);
    token_ = std::to_string(std::random_device{}());
    thread_ = std::thread([this] { serve(); });
}

Sentinel::~Sentinel() {
    stopping_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    if (thread_.joinable()) thread_.join();
    ::close(fd_);
}

void Sentinel::serve() {
    std::string greeting = "meshprobe-sentinel " + token_ + "\n";
    while (!stopping_) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        int client = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) continue;
        (void)!::send(client, greeting.data(), greeting.size(), MSG_NOSIGNAL);
        ::close(client);
    }
}

}  // namespace meshprobe
