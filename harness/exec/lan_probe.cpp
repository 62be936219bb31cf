#include "exec/lan_probe.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <thread>

#include <fmt/format.h>

#include "core/errors.h"

namespace meshprobe {
namespace {

LanOutcome outcome_of_error(int error) {
    switch (error) {
        case 0: return LanOutcome::connected;
        case ECONNREFUSED: return LanOutcome::refused;
        case ETIMEDOUT: return LanOutcome::no_answer;
        default: return LanOutcome::unreachable;
    }
}

// A non-blocking socket with its connect started; -1 with the outcome already known.
int start_connect(const LanTarget& target, LanOutcome& outcome) {
    sockaddr_storage address{};
    socklen_t length = 0;
    int family = AF_INET;
    if (auto* v4 = reinterpret_cast<sockaddr_in*>(&address); ::inet_pton(AF_INET, target.address.c_str(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(static_cast<uint16_t>(target.port));
        length = sizeof(sockaddr_in);
    } else if (auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
               ::inet_pton(AF_INET6, target.address.c_str(), &v6->sin6_addr) == 1) {
        family = AF_INET6;
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(static_cast<uint16_t>(target.port));
        length = sizeof(sockaddr_in6);
    } else {
        throw InfraError("the LAN probe was given an address it cannot read: " + target.address);
    }
    const int fd = ::socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) throw InfraError(fmt::format("the LAN probe could not open a socket: {}", std::strerror(errno)));
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), length) == 0) {
        outcome = LanOutcome::connected;
    } else if (errno == EINPROGRESS) {
        return fd;
    } else {
        outcome = outcome_of_error(errno);
    }
    ::close(fd);
    return -1;
}

// Runs on a thread of its own: setns changes the namespace of the calling thread only.
void connect_all(const LanHost& host, const std::vector<LanTarget>& targets, std::chrono::milliseconds timeout,
                 std::vector<LanOutcome>& out) {
    enter_namespace_of(host);

    out.assign(targets.size(), LanOutcome::no_answer);
    std::vector<pollfd> waiting;
    std::vector<size_t> index;
    for (size_t i = 0; i < targets.size(); ++i) {
        const int fd = start_connect(targets[i], out[i]);
        if (fd >= 0) {
            waiting.push_back({fd, POLLOUT, 0});
            index.push_back(i);
        }
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    size_t open = waiting.size();
    while (open > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        const int ready = ::poll(waiting.data(), waiting.size(), static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) break;
        for (size_t k = 0; k < waiting.size(); ++k) {
            if (waiting[k].fd < 0 || waiting[k].revents == 0) continue;
            int so_error = 0;
            socklen_t len = sizeof so_error;
            ::getsockopt(waiting[k].fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
            out[index[k]] = outcome_of_error(so_error);
            ::close(waiting[k].fd);
            waiting[k].fd = -1;  // poll skips negative descriptors
            --open;
        }
    }
    for (const pollfd& p : waiting)
        if (p.fd >= 0) ::close(p.fd);
}

}  // namespace

std::string_view to_string(LanOutcome outcome) {
    switch (outcome) {
        case LanOutcome::connected: return "connected";
        case LanOutcome::refused: return "refused";
        case LanOutcome::no_answer: return "no answer";
        case LanOutcome::unreachable: return "unreachable";
    }
    return "unknown";
}

std::vector<LanOutcome> connect_from(const LanHost& host, const std::vector<LanTarget>& targets,
                                     std::chrono::milliseconds timeout) {
    std::vector<LanOutcome> out;
    std::exception_ptr failure;
    std::thread prober([&] {
        try {
            connect_all(host, targets, timeout, out);
        } catch (...) {
            failure = std::current_exception();
        }
    });
    prober.join();
    if (failure) std::rethrow_exception(failure);
    return out;
}

}  // namespace meshprobe
