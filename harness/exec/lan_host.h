#pragma once
#include <atomic>
#include <string>
#include <vector>

namespace meshprobe {

// What an outside host is made for; each purpose has its own names and addresses, so an
// `audit --lan-probe` and a `run` of the same moment never meet.
enum class LanPurpose {
    lan_probe,  // `audit --lan-probe`: connects from the LAN side to the host's published ports
    egress,     // `run`'s egress suite: an address outside the host that containers try to reach
};

// A host on this machine's LAN side: a network namespace joined to the host by a veth pair.
// The link takes a /30 of the benchmarking range 198.18.0.0/15 (RFC 2544) and a /64 of the
// documentation prefix 2001:db8::/32, so it clashes with neither Docker's pools nor a real
// route, and no packet can leave the machine. Each process takes names and addresses of its
// own (from its pid), so two audits or runs can be at once.
//
// Everything is removed by the destructor, also when the command is interrupted; what a
// killed one left is removed by the next one or by `meshprobe clean` (remove_stale_lan_hosts):
// the names carry the pid, whose liveness is checked as a probe's run is.
class LanHost {
public:
    // Creates the namespace, the pair and the addresses. InfraError when it cannot (not root,
    // no `ip`), after removing what it made.
    explicit LanHost(const std::atomic<bool>* cancel = nullptr, LanPurpose purpose = LanPurpose::lan_probe);
    ~LanHost();
    LanHost(const LanHost&) = delete;
    LanHost& operator=(const LanHost&) = delete;

    const std::string& name() const { return name_; }  // the namespace, under /run/netns
    // The host's end of the link: where the outside host sends to, as a LAN peer would.
    const std::string& host_v4() const { return host_v4_; }
    // The outside host's own address: where a container sends to when it tries to leave.
    const std::string& peer_v4() const { return peer_v4_; }
    // Empty when IPv6 is off on this host (then nothing can be published on IPv6 either).
    const std::string& host_v6() const { return host_v6_; }
    const std::string& why_no_v6() const { return why_no_v6_; }

private:
    void ip(const std::vector<std::string>& args);
    void remove() noexcept;

    const std::atomic<bool>* cancel_;
    LanPurpose purpose_;
    std::string ip_program_;
    std::string name_;
    std::string host_if_;
    std::string host_v4_;
    std::string peer_v4_;
    std::string host_v6_;
    std::string why_no_v6_;
};

// Moves the calling thread into the host's network namespace (setns changes the calling
// thread's only: run it on a thread of its own). A socket opened there stays there.
// InfraError when the namespace cannot be entered.
void enter_namespace_of(const LanHost& host);

// Removes the namespaces (and their host-side veths) of meshprobe processes that are gone, of
// every purpose; returns how many. Nothing (0) without root or `ip`.
int remove_stale_lan_hosts();

}  // namespace meshprobe
