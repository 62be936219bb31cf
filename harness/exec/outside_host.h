#pragma once
#include <atomic>
#include <memory>
#include <string>

#include "contract/contract.h"
#include "exec/lan_host.h"
#include "exec/sentinel.h"
#include "probeplan/probe_plan.h"

namespace meshprobe {

// The egress suite's own outside host, for a run given no egress target: a LanHost of
// LanPurpose::egress with a listener on its own address that greets "meshprobe-outside <token>".
// For the host that address is a directly connected neighbour, so a container on a bridge that
// is not internal reaches it as it would reach any address outside the machine (forwarded by
// the host, masqueraded), and one on an internal bridge does not; nothing leaves the machine.
// The namespace, its veth and the listener go with the object; what a killed run left goes
// with the next run or `meshprobe clean` (remove_stale_lan_hosts).
class OutsideHost {
public:
    // InfraError when it cannot be made (not root, no `ip`, no namespaces), after removing what it made.
    explicit OutsideHost(const std::atomic<bool>* cancel);
    ~OutsideHost();
    OutsideHost(const OutsideHost&) = delete;
    OutsideHost& operator=(const OutsideHost&) = delete;

    // Where the egress suite aims: the outside host's address and its listener's port.
    EgressTarget target() const;
    const std::string& token() const { return listener_->token(); }

private:
    LanHost link_;
    std::unique_ptr<Sentinel> listener_;
};

// The outside host of a run, or why there is none: then the egress checks to the outside are
// errors ("not proven: <why>"), never passes.
struct OutsideHostOrWhy {
    std::unique_ptr<OutsideHost> host;
    std::string why;
};
OutsideHostOrWhy make_outside_host(const std::atomic<bool>* cancel);

// What the egress suite is told of it.
EgressOutside egress_outside(const OutsideHostOrWhy& outside);

}  // namespace meshprobe
