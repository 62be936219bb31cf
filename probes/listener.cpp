#include "probes/listener.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace meshprobe::probe {
namespace {

constexpr int kBacklog = 128;

[[noreturn]] void fail(const std::string& what) { throw std::system_error(errno, std::generic_category(), what); }

}  // namespace

UniqueFd open_listener(int family, int type, int port) {
    const std::string what = std::string(type == SOCK_STREAM ? "tcp" : "udp") +
                             (family == AF_INET6 ? "6" : "") + " port " + std::to_string(port);
    UniqueFd socket(::socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!socket.valid()) {
        fail(what + ": socket");
    }
    const int on = 1;
    ::setsockopt(socket.get(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);

    sockaddr_storage address{};
    socklen_t length = 0;
    if (family == AF_INET6) {
        // Separate v4 and v6 sockets: a dual-stack one would collide with the v4 bind.
        ::setsockopt(socket.get(), IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
        auto& v6 = reinterpret_cast<sockaddr_in6&>(address);
        v6.sin6_family = AF_INET6;
        v6.sin6_addr = in6addr_any;
        v6.sin6_port = htons(static_cast<std::uint16_t>(port));
        length = sizeof v6;
    } else {
        auto& v4 = reinterpret_cast<sockaddr_in&>(address);
        v4.sin_family = AF_INET;
        v4.sin_addr.s_addr = htonl(INADDR_ANY);
        v4.sin_port = htons(static_cast<std::uint16_t>(port));
        length = sizeof v4;
    }
    if (::bind(socket.get(), reinterpret_cast<const sockaddr*>(&address), length) != 0) {
        fail(what + ": bind");
    }
    if (type == SOCK_STREAM && ::listen(socket.get(), kBacklog) != 0) {
        fail(what + ": listen");
    }
    return socket;
}

}  // namespace meshprobe::probe
