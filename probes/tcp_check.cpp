#include "probes/tcp_check.h"

#include "probes/socket_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace meshprobe::probe {
namespace {

// A greeting is one short line; more would only be payload.
constexpr std::size_t kMaxBanner = 512;

// What a failed connect means for reachability.
Status connect_status(int error) {
    switch (error) {
    case ECONNREFUSED:
    case ECONNRESET: return Status::refused;
    case EHOSTUNREACH:
    case ENETUNREACH: return Status::unreachable;
    case ETIMEDOUT: return Status::timeout;
    default: return Status::error;
    }
}

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
    }
    return text;
}

std::string dns_outcome(const DnsAnswer& answer) {
    std::string outcome(to_string(answer.status));
    if (!answer.detail.empty()) {
        outcome += ": " + answer.detail;
    }
    return outcome;
}

}  // namespace

TcpCheck::TcpCheck(const Check& check, EventLoop& loop, DnsResolver& resolver, std::chrono::milliseconds banner_time,
                   Clock::time_point started, Clock::time_point deadline)
    : ProbeCheck(check, started, deadline),
      host_(check.host),
      port_(check.port),
      loop_(loop),
      resolver_(resolver),
      banner_time_(banner_time) {}

TcpCheck::~TcpCheck() {
    if (watch_ != 0) {
        loop_.unwatch(watch_);
    }
}

void TcpCheck::start() {
    if (socket_address(host_, port_)) {
        connect_to(host_);
        return;
    }
    resolver_.resolve(host_, [this](const DnsAnswer& answer) { on_resolved(answer); });
}

void TcpCheck::on_resolved(const DnsAnswer& answer) {
    if (stage_ != Stage::resolving) {
        return;
    }
    if (answer.status != Status::resolved) {
        result_.detail = dns_outcome(answer);
        end(Status::unresolved);
        return;
    }
    connect_to(answer.addresses.front());
}

void TcpCheck::connect_to(const std::string& address) {
    stage_ = Stage::connecting;
    result_.address = address;
    const std::optional<SocketAddress> peer = socket_address(address, port_);
    if (!peer) {
        result_.detail = "not an IPv4 or IPv6 address: " + address;
        end(Status::error);
        return;
    }
    socket_.reset(::socket(peer->family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!socket_.valid()) {
        result_.detail = std::string("socket: ") + std::strerror(errno);
        end(Status::error);
        return;
    }
    if (::connect(socket_.get(), peer->get(), peer->length) == 0) {
        on_connected();
        return;
    }
    if (errno != EINPROGRESS) {
        fail(errno);
        return;
    }
    watch_ = loop_.watch(socket_.get(), EPOLLOUT, [this](std::uint32_t events) { on_socket(events); });
}

void TcpCheck::on_socket(std::uint32_t /*events*/) {
    if (stage_ == Stage::reading_banner) {
        read_banner();
        return;
    }
    if (stage_ != Stage::connecting) {
        return;
    }
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(socket_.get(), SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) {
        fail(error);
        return;
    }
    on_connected();
}

void TcpCheck::on_connected() {
    stage_ = Stage::reading_banner;
    connected_at_ = Clock::now();
    banner_until_ = std::min(connected_at_ + banner_time_, deadline_);
    if (banner_until_ <= connected_at_) {
        end(Status::connected, connected_at_);
        return;
    }
    if (watch_ == 0) {
        watch_ = loop_.watch(socket_.get(), EPOLLIN | EPOLLRDHUP, [this](std::uint32_t events) { on_socket(events); });
    } else {
        loop_.change(watch_, EPOLLIN | EPOLLRDHUP);
    }
}

void TcpCheck::read_banner() {
    std::array<char, kMaxBanner> buffer{};
    while (banner_.size() < kMaxBanner) {
        const ssize_t count = ::recv(socket_.get(), buffer.data(), kMaxBanner - banner_.size(), 0);
        if (count > 0) {
            banner_.append(buffer.data(), static_cast<std::size_t>(count));
            continue;
        }
        if (count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            return;  // more may come before banner_until_
        }
        break;  // the peer closed (or reset) after its greeting
    }
    end(Status::connected, connected_at_);
}

void TcpCheck::fail(int error) {
    const Status status = connect_status(error);
    if (status == Status::error) {
        result_.detail = std::strerror(error);
    }
    end(status);
}

void TcpCheck::on_time(Clock::time_point now) {
    switch (stage_) {
    case Stage::resolving:
        if (now >= deadline_) {
            result_.detail = std::string(to_string(Status::timeout));
            end(Status::unresolved, now);
        }
        break;
    case Stage::connecting:
        if (now >= deadline_) {
            end(Status::timeout, now);
        }
        break;
    case Stage::reading_banner:
        if (now >= banner_until_) {
            end(Status::connected, connected_at_);
        }
        break;
    case Stage::finished: break;
    }
}

Clock::time_point TcpCheck::wake_at() const {
    return stage_ == Stage::reading_banner ? banner_until_ : deadline_;
}

void TcpCheck::end(Status status, Clock::time_point at) {
    if (status == Status::connected) {
        result_.banner = trimmed(banner_);
    }
    stage_ = Stage::finished;
    if (watch_ != 0) {
        loop_.unwatch(watch_);
        watch_ = 0;
    }
    socket_.reset();
    finish(status, at);
}

}  // namespace meshprobe::probe
