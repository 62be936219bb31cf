#include "probes/dns_check.h"

namespace meshprobe::probe {

DnsCheck::DnsCheck(const Check& check, DnsResolver& resolver, Clock::time_point started, Clock::time_point deadline)
    : ProbeCheck(check, started, deadline), name_(check.name), resolver_(resolver) {}

void DnsCheck::start() {
    resolver_.resolve(name_, [this](const DnsAnswer& answer) { on_answer(answer); });
}

void DnsCheck::on_time(Clock::time_point now) {
    if (!done() && now >= deadline_) {
        finish(Status::timeout, now);
    }
}

void DnsCheck::on_answer(const DnsAnswer& answer) {
    if (done()) {
        return;
    }
    result_.addresses = answer.addresses;
    result_.detail = answer.detail;
    finish(answer.status);
}

}  // namespace meshprobe::probe
