#pragma once
#include <string>

#include "probes/dns_resolver.h"
#include "probes/probe_check.h"
#include "probes/unique_fd.h"

namespace meshprobe::probe {

// kind "tcp": resolve (unless the host is an IPv4 literal), connect without blocking,
// then read the peer's greeting for up to the banner time, all within the deadline.
class TcpCheck : public ProbeCheck {
public:
    TcpCheck(const Check& check, EventLoop& loop, DnsResolver& resolver, std::chrono::milliseconds banner_time,
             Clock::time_point started, Clock::time_point deadline);
    ~TcpCheck() override;

    void start() override;
    void on_time(Clock::time_point now) override;
    Clock::time_point wake_at() const override;

private:
    enum class Stage { resolving, connecting, reading_banner, finished };

    void on_resolved(const DnsAnswer& answer);
    void connect_to(const std::string& address);
    void on_socket(std::uint32_t events);
    void on_connected();
    void read_banner();
    void fail(int error);  // a connect that did not succeed, by errno
    void end(Status status, Clock::time_point at = Clock::now());

    std::string host_;
    int port_;
    EventLoop& loop_;
    DnsResolver& resolver_;
    std::chrono::milliseconds banner_time_;
    Stage stage_ = Stage::resolving;
    UniqueFd socket_;
    EventLoop::WatchId watch_ = 0;
    Clock::time_point connected_at_{};
    Clock::time_point banner_until_{};
    std::string banner_;
};

}  // namespace meshprobe::probe
