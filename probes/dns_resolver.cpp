#include "probes/dns_resolver.h"

#include <ares.h>
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <sys/epoll.h>

#include <array>
#include <exception>

namespace meshprobe::probe {
namespace {

// Enough for any service with replicas; more addresses are not more evidence.
constexpr int kMaxAddresses = 64;

DnsAnswer failure(Status status, std::string detail) { return DnsAnswer{status, {}, std::move(detail)}; }

DnsAnswer parse_answer(const unsigned char* buffer, int length) {
    std::array<ares_addrttl, kMaxAddresses> records{};
    int count = static_cast<int>(records.size());
    const int status = ares_parse_a_reply(buffer, length, nullptr, records.data(), &count);
    if (status == ARES_ENODATA || (status == ARES_SUCCESS && count == 0)) {
        return failure(Status::nxdomain, "no A record");
    }
    if (status != ARES_SUCCESS) {
        return failure(Status::error, ares_strerror(status));
    }
    DnsAnswer answer{Status::resolved, {}, {}};
    for (int i = 0; i < count; ++i) {
        std::array<char, INET_ADDRSTRLEN> text{};
        ::inet_ntop(AF_INET, &records[static_cast<std::size_t>(i)].ipaddr, text.data(), text.size());
        answer.addresses.emplace_back(text.data());
    }
    return answer;
}

DnsAnswer to_answer(int status, const unsigned char* buffer, int length) {
    switch (status) {
    case ARES_SUCCESS: return parse_answer(buffer, length);
    case ARES_ENOTFOUND: return failure(Status::nxdomain, {});
    case ARES_ENODATA: return failure(Status::nxdomain, "no A record");
    case ARES_ETIMEOUT: return failure(Status::timeout, {});
    default: return failure(Status::error, ares_strerror(status));
    }
}

void on_answer(void* argument, int status, int /*timeouts*/, unsigned char* buffer, int length) {
    auto* done = static_cast<DnsResolver::Callback*>(argument);
    // Cancelled or destroyed: the check that asked is finished or gone.
    if (status != ARES_ECANCELLED && status != ARES_EDESTRUCTION) {
        (*done)(to_answer(status, buffer, length));
    }
    delete done;
}

}  // namespace

DnsResolver::DnsResolver(EventLoop& loop, std::chrono::milliseconds timeout) : loop_(loop) {
    const int library = ares_library_init(ARES_LIB_INIT_ALL);
    if (library != ARES_SUCCESS) {
        setup_error_ = std::string("c-ares: ") + ares_strerror(library);
        return;
    }
    library_ready_ = true;
    char lookups[] = "b";  // DNS only: /etc/hosts would answer for names the network does not
    ares_options options{};
    options.flags = ARES_FLAG_NOSEARCH;
    options.timeout = static_cast<int>(timeout.count());
    options.tries = 1;
    options.lookups = lookups;
    options.sock_state_cb = &DnsResolver::on_socket_state;
    options.sock_state_cb_data = this;
    const int mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_LOOKUPS | ARES_OPT_SOCK_STATE_CB;
    const int status = ares_init_options(&channel_, &options, mask);
    if (status != ARES_SUCCESS) {
        setup_error_ = std::string("c-ares: ") + ares_strerror(status);
        channel_ = nullptr;
    }
}

DnsResolver::~DnsResolver() {
    if (channel_ != nullptr) {
        ares_destroy(channel_);
    }
    for (const auto& [fd, id] : sockets_) {
        loop_.unwatch(id);
    }
    if (library_ready_) {
        ares_library_cleanup();
    }
}

void DnsResolver::resolve(const std::string& name, Callback done) {
    if (channel_ == nullptr) {
        done(failure(Status::error, setup_error_));
        return;
    }
    // ares_query, not ares_gethostbyname: it neither appends search domains nor reads /etc/hosts.
    ares_query(channel_, name.c_str(), ns_c_in, ns_t_a, &on_answer, new Callback(std::move(done)));
}

std::optional<Clock::time_point> DnsResolver::next_timeout() const {
    if (channel_ == nullptr) {
        return std::nullopt;
    }
    timeval left{};
    if (ares_timeout(channel_, nullptr, &left) == nullptr) {
        return std::nullopt;
    }
    return Clock::now() + std::chrono::seconds(left.tv_sec) + std::chrono::microseconds(left.tv_usec);
}

void DnsResolver::process_timeouts() {
    if (channel_ != nullptr) {
        ares_process_fd(channel_, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
    }
}

void DnsResolver::on_socket_state(void* self, int fd, int readable, int writable) {
    static_cast<DnsResolver*>(self)->socket_state(fd, readable != 0, writable != 0);
}

void DnsResolver::socket_state(int fd, bool readable, bool writable) {
    auto known = sockets_.find(fd);
    if (!readable && !writable) {
        if (known != sockets_.end()) {
            loop_.unwatch(known->second);
            sockets_.erase(known);
        }
        return;
    }
    const std::uint32_t events = (readable ? EPOLLIN : 0u) | (writable ? EPOLLOUT : 0u);
    if (known != sockets_.end()) {
        try {
            loop_.change(known->second, events);
        } catch (const std::exception&) {
            // as below: the query runs into its timeout
        }
        return;
    }
    // Called from inside c-ares: nothing may throw through it. A socket the loop cannot
    // watch leaves its query to c-ares' own timeout, which the check sees as a timeout.
    try {
        sockets_[fd] = loop_.watch(fd, events, [this, fd](std::uint32_t ready) {
            const bool input = (ready & (EPOLLIN | EPOLLERR | EPOLLHUP)) != 0;
            const bool output = (ready & EPOLLOUT) != 0;
            ares_process_fd(channel_, input ? fd : ARES_SOCKET_BAD, output ? fd : ARES_SOCKET_BAD);
        });
    } catch (const std::exception&) {
        sockets_.erase(fd);
    }
}

}  // namespace meshprobe::probe
