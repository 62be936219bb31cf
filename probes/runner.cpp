#include "probes/runner.h"

#include <algorithm>
#include <memory>

#include "probes/dns_check.h"
#include "probes/dns_resolver.h"
#include "probes/event_loop.h"
#include "probes/tcp_check.h"

namespace meshprobe::probe {
namespace {

bool all_done(const std::vector<std::unique_ptr<ProbeCheck>>& checks) {
    return std::all_of(checks.begin(), checks.end(), [](const auto& check) { return check->done(); });
}

Clock::time_point next_wake(const std::vector<std::unique_ptr<ProbeCheck>>& checks, const DnsResolver& resolver) {
    Clock::time_point wake = Clock::time_point::max();
    for (const auto& check : checks) {
        if (!check->done()) {
            wake = std::min(wake, check->wake_at());
        }
    }
    if (auto dns = resolver.next_timeout()) {
        wake = std::min(wake, *dns);
    }
    return wake;
}

}  // namespace

std::vector<CheckResult> run_plan(const Plan& plan) {
    // Declaration order is teardown order in reverse: checks go first, the loop last.
    EventLoop loop;
    DnsResolver resolver(loop, plan.timeout);
    const Clock::time_point started = Clock::now();
    const Clock::time_point deadline = started + plan.timeout;

    std::vector<std::unique_ptr<ProbeCheck>> checks;
    for (const Check& check : plan.checks) {
        if (check.kind == CheckKind::dns) {
            checks.push_back(std::make_unique<DnsCheck>(check, resolver, started, deadline));
        } else {
            checks.push_back(std::make_unique<TcpCheck>(check, loop, resolver, plan.banner, started, deadline));
        }
    }
    for (const auto& check : checks) {
        check->start();
    }

    while (!all_done(checks)) {
        loop.wait_until(next_wake(checks, resolver));
        resolver.process_timeouts();
        const Clock::time_point now = Clock::now();
        for (const auto& check : checks) {
            if (!check->done()) {
                check->on_time(now);
            }
        }
    }

    std::vector<CheckResult> results;
    results.reserve(checks.size());
    for (const auto& check : checks) {
        results.push_back(check->result());
    }
    return results;
}

}  // namespace meshprobe::probe
