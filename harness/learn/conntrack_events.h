#pragma once
#include <string>
#include <vector>

#include "learn/flow_table.h"

struct nfct_handle;

namespace meshprobe {

// The host's connection tracking, subscribed to new connections (libnetfilter-conntrack).
// One handle in the host's namespace sees the containers' bridged traffic too, because Docker
// sets net.bridge.bridge-nf-call-iptables (docs/learn.md says why this and not one handle per
// container namespace). It only reads: nothing is added to the kernel's tables.
class ConntrackEvents {
public:
    // InfraError with the reason when the events cannot be read: no permission for netlink
    // (CAP_NET_ADMIN), no conntrack in the kernel, bridged traffic not tracked.
    ConntrackEvents();
    ~ConntrackEvents();
    ConntrackEvents(const ConntrackEvents&) = delete;
    ConntrackEvents& operator=(const ConntrackEvents&) = delete;

    // The new TCP and UDP connections the kernel reports within `timeout_ms` (none when it
    // reports none): waits for the first, then takes what is queued.
    std::vector<ConnectionEvent> wait(int timeout_ms);
    // Times the kernel dropped events because they came faster than they were read (ENOBUFS):
    // the counts are then lower bounds, and the report says so.
    long overflows() const { return overflows_; }

private:
    nfct_handle* handle_ = nullptr;
    std::vector<ConnectionEvent> batch_;
    long overflows_ = 0;
};

// InfraError unless the kernel tracks bridged traffic in the host's namespace (the sysctl
// net.bridge.bridge-nf-call-iptables is 1, which Docker sets by loading br_netfilter), and
// for a stack with IPv6 addresses bridge-nf-call-ip6tables too.
void require_bridged_tracking(bool ipv6);

}  // namespace meshprobe
