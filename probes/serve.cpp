#include "probes/serve.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <system_error>

#include "probes/event_loop.h"
#include "probes/listener.h"
#include "probes/stop_signal.h"

namespace meshprobe::probe {
namespace {

// Greets and closes every pending connection. The client never sends anything, so a
// plain close ends with FIN after the greeting, not RST.
void greet_connections(int listener, const std::string& greeting) {
    while (true) {
        UniqueFd connection(::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
        if (!connection.valid()) {
            if (errno == EINTR || errno == ECONNABORTED) {
                continue;
            }
            return;  // EAGAIN, or out of fds: wait for the next wake-up
        }
        [[maybe_unused]] const ssize_t sent =
            ::send(connection.get(), greeting.data(), greeting.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        ::shutdown(connection.get(), SHUT_WR);
    }
}

void answer_datagrams(int socket, const std::string& greeting) {
    std::array<char, 2048> buffer{};
    while (true) {
        sockaddr_storage peer{};
        socklen_t length = sizeof peer;
        const ssize_t count = ::recvfrom(socket, buffer.data(), buffer.size(), 0, reinterpret_cast<sockaddr*>(&peer), &length);
        if (count < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;
        }
        ::sendto(socket, greeting.data(), greeting.size(), MSG_DONTWAIT, reinterpret_cast<const sockaddr*>(&peer), length);
    }
}

class StandIn {
public:
    explicit StandIn(const ServeOptions& options) : greeting_("meshprobe-standin " + options.name + "\n") {
        for (int port : options.ports) {
            open(AF_INET, SOCK_STREAM, port, true);
            open(AF_INET, SOCK_DGRAM, port, true);
            // Many Docker networks have no IPv6: listen there when the kernel lets us.
            open(AF_INET6, SOCK_STREAM, port, false);
            open(AF_INET6, SOCK_DGRAM, port, false);
        }
        loop_.watch(stop_.fd(), EPOLLIN, [this](std::uint32_t) { stopping_ = true; });
    }

    void run() {
        while (!stopping_) {
            loop_.wait_until(Clock::time_point::max());
        }
    }

private:
    void open(int family, int type, int port, bool required) {
        UniqueFd socket;
        try {
            socket = open_listener(family, type, port);
        } catch (const std::system_error&) {
            if (required) {
                throw;
            }
            return;
        }
        const int fd = socket.get();
        if (type == SOCK_STREAM) {
            loop_.watch(fd, EPOLLIN, [this, fd](std::uint32_t) { greet_connections(fd, greeting_); });
        } else {
            loop_.watch(fd, EPOLLIN, [this, fd](std::uint32_t) { answer_datagrams(fd, greeting_); });
        }
        sockets_.push_back(std::move(socket));
    }

    std::string greeting_;
    StopSignal stop_;
    EventLoop loop_;
    std::vector<UniqueFd> sockets_;
    bool stopping_ = false;
};

}  // namespace

int serve(const ServeOptions& options) {
    ::signal(SIGPIPE, SIG_IGN);
    StandIn stand_in(options);
    std::fprintf(stderr, "meshprobe-standin %s: listening on %zu port(s)\n", options.name.c_str(), options.ports.size());
    stand_in.run();
    return 0;
}

}  // namespace meshprobe::probe
