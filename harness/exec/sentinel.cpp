#include "exec/sentinel.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <algorithm>
#include <chrono>
#include <fstream>
#include <random>
#include <utility>

#include "core/errors.h"
#include "probes/socket_address.h"

namespace meshprobe {
namespace {

// A listening socket on address:port (port 0: any free one); -1 and errno on failure.
int listen_on(const std::string& ip, int port) {
    const std::optional<probe::SocketAddress> address = probe::socket_address(ip, port);
    if (!address) {
        errno = EINVAL;
        return -1;
    }
    int fd = ::socket(address->family(), SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    // A bridge's IPv6 address is tentative for a moment after the network is created (duplicate
    // address detection); binding it must not fail meanwhile.
    ::setsockopt(fd, IPPROTO_IP, IP_FREEBIND, &one, sizeof one);
    if (address->family() == AF_INET6) ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (::bind(fd, address->get(), address->length) != 0 || ::listen(fd, 512) != 0) {
        int error = errno;
        ::close(fd);
        errno = error;
        return -1;
    }
    return fd;
}

// Whether one of these IPv6 addresses of the host is still tentative: a bridge's address is
// unusable until duplicate address detection ends (about a second after the bridge gets its
// first port), and connections to it meanwhile vanish as timeouts.
bool any_tentative(const std::vector<std::string>& addresses) {
    std::ifstream table("/proc/net/if_inet6");  // address ifindex prefix scope flags name
    std::string hex, index, prefix, scope, flags, name;
    while (table >> hex >> index >> prefix >> scope >> flags >> name) {
        constexpr unsigned long kTentative = 0x40;  // IFA_F_TENTATIVE
        if ((std::stoul(flags, nullptr, 16) & kTentative) == 0 || hex.size() != 32) continue;
        in6_addr address{};
        for (std::size_t i = 0; i < sizeof address.s6_addr; ++i) {
            address.s6_addr[i] = static_cast<unsigned char>(std::stoul(hex.substr(2 * i, 2), nullptr, 16));
        }
        for (const std::string& text : addresses) {
            in6_addr wanted{};
            if (::inet_pton(AF_INET6, text.c_str(), &wanted) == 1 && std::memcmp(&wanted, &address, sizeof address) == 0)
                return true;
        }
    }
    return false;
}

}  // namespace

Sentinel::Sentinel(const std::vector<std::string>& addresses, std::string greeting) : greeting_(std::move(greeting)) {
    for (const std::string& text : addresses) {
        if (probe::socket_address(text, 0) &&
            std::find(addresses_.begin(), addresses_.end(), text) == addresses_.end()) {
            addresses_.push_back(text);
        }
    }
    if (addresses_.empty()) addresses_.push_back("127.0.0.1");  // nothing to aim at; still a valid listener
    // The first address picks a free port; another program may hold it on the others, so try anew.
    bool listening = false;
    for (int attempt = 0; attempt < 32 && !listening; ++attempt) listening = listen_all(0);
    if (!listening) throw InfraError(std::string("cannot open the egress sentinel on the host: ") + std::strerror(errno));
    const auto settled_by = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (any_tentative(addresses_) && std::chrono::steady_clock::now() < settled_by) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    token_ = std::to_string(std::random_device{}());
    thread_ = std::thread([this] { serve(); });
}

bool Sentinel::listen_all(int port) {
    for (const std::string& text : addresses_) {
        int fd = listen_on(text, port);
        if (fd < 0) {
            int error = errno;
            close_all();
            errno = error;
            return false;
        }
        fds_.push_back(fd);
        if (port == 0) port = probe::bound_port(fd);
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
    std::string greeting = greeting_ + " " + token_ + "\n";
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
