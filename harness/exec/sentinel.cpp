#include "exec/sentinel.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <algorithm>
#include <random>

#include "core/errors.h"

namespace meshprobe {
namespace {

// A listening socket on address:port (port 0: any free one); -1 and errno on failure.
int listen_on(const in_addr& ip, int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr = ip;
    address.sin_port = htons(static_cast<uint16_t>(port));
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, 512) != 0) {
        int error = errno;
        ::close(fd);
        errno = error;
        return -1;
    }
    return fd;
}

int port_of(int fd) {
    sockaddr_in address{};
    socklen_t length = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return 0;
    return ntohs(address.sin_port);
}

}  // namespace

Sentinel::Sentinel(const std::vector<std::string>& addresses) {
    for (const std::string& text : addresses) {
        in_addr ip{};
        if (::inet_pton(AF_INET, text.c_str(), &ip) == 1 &&
            std::find(addresses_.begin(), addresses_.end(), text) == addresses_.end()) {
            addresses_.push_back(text);
        }
    }
    if (addresses_.empty()) addresses_.push_back("127.0.0.1");  // nothing to aim at; still a valid listener
    // The first address picks a free port; another program may hold it on the others, so try anew.
    bool listening = false;
    for (int attempt = 0; attempt < 32 && !listening; ++attempt) listening = listen_all(0);
    if (!listening) throw InfraError(std::string("cannot open the egress sentinel on the host: ") + std::strerror(errno));
    token_ = std::to_string(std::random_device{}());
    thread_ = std::thread([this] { serve(); });
}

bool Sentinel::listen_all(int port) {
    for (const std::string& text : addresses_) {
        in_addr ip{};
        ::inet_pton(AF_INET, text.c_str(), &ip);
        int fd = listen_on(ip, port);
        if (fd < 0) {
            int error = errno;
            close_all();
            errno = error;
            return false;
        }
        fds_.push_back(fd);
        if (port == 0) port = port_of(fd);
    }
    port_ = port;
    return true;
}

void Sentinel::close_all() {
    for (int fd : fds_) ::close(fd);
    fds_.clear();
}

Sentinel::~Sentinel() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
    close_all();
}

void Sentinel::serve() {
    std::string greeting = "meshprobe-sentinel " + token_ + "\n";
    std::vector<pollfd> polled;
    for (int fd : fds_) polled.push_back({fd, POLLIN, 0});
    while (!stopping_) {
        if (::poll(polled.data(), polled.size(), 100) <= 0) continue;
        for (const pollfd& p : polled) {
            if (!(p.revents & POLLIN)) continue;
            int client = ::accept4(p.fd, nullptr, nullptr, SOCK_CLOEXEC);
            if (client < 0) continue;
            (void)!::send(client, greeting.data(), greeting.size(), MSG_NOSIGNAL);
            ::close(client);
        }
    }
}

}  // namespace meshprobe
