#pragma once
#include "probes/dns_resolver.h"
#include "probes/probe_check.h"

namespace meshprobe::probe {

// kind "dns": the A records of a name, or why there are none.
class DnsCheck : public ProbeCheck {
public:
    DnsCheck(const Check& check, DnsResolver& resolver, Clock::time_point started, Clock::time_point deadline);

    void start() override;
    void on_time(Clock::time_point now) override;

private:
    void on_answer(const DnsAnswer& answer);

    std::string name_;
    DnsResolver& resolver_;
};

}  // namespace meshprobe::probe
