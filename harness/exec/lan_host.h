#pragma once
#include <atomic>
#include <string>
#include <vector>

namespace meshprobe {

// A host on this machine's LAN side, made for one `audit --lan-probe`: a network namespace
// joined to the host by a veth pair. The link takes a /30 of the benchmarking range
// 198.18.0.0/15 (RFC 2544) and a /64 of the documentation prefix 2001:db8::/32, so it clashes
// with neither Docker's pools nor a real route, and no packet can leave the machine. Each run
// takes addresses of its own (from its pid), so two audits can run at once.
//
// Everything is removed by the destructor, also when the audit is interrupted; what a killed
// run left is removed by the next one (remove_stale_lan_hosts).
class LanHost {
public:
    // Creates the namespace, the pair and the addresses. InfraError when it cannot (not root,
    // no `ip`), after removing what it made.
    explicit LanHost(const std::atomic<bool>* cancel = nullptr);
    ~LanHost();
    LanHost(const LanHost&) = delete;
    LanHost& operator=(const LanHost&) = delete;

    const std::string& name() const { return name_; }  // the namespace, under /run/netns
    // The host's end of the link: where the outside host sends to, as a LAN peer would.
    const std::string& host_v4() const { return host_v4_; }
    // Empty when IPv6 is off on this host (then nothing can be published on IPv6 either).
    const std::string& host_v6() const { return host_v6_; }
    const std::string& why_no_v6() const { return why_no_v6_; }

private:
    void ip(const std::vector<std::string>& args);
    void remove() noexcept;

    const std::atomic<bool>* cancel_;
    std::string ip_program_;
    std::string name_;
    std::string host_if_;
    std::string host_v4_;
    std::string host_v6_;
    std::string why_no_v6_;
};

// Removes the namespaces (and their host-side veths) of meshprobe processes that are gone;
// returns how many.
int remove_stale_lan_hosts();

}  // namespace meshprobe
