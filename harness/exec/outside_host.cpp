#include "exec/outside_host.h"

#include <exception>
#include <thread>

#include "core/errors.h"

namespace meshprobe {
namespace {

// The listener's sockets are opened from inside the namespace, on a thread of its own; they
// stay there while the listener serves them.
std::unique_ptr<Sentinel> listen_inside(const LanHost& link) {
    std::unique_ptr<Sentinel> listener;
    std::exception_ptr failure;
    std::thread inside([&] {
        try {
            enter_namespace_of(link);
            listener = std::make_unique<Sentinel>(std::vector<std::string>{link.peer_v4()}, "meshprobe-outside");
        } catch (...) {
            failure = std::current_exception();
        }
    });
    inside.join();
    if (failure) std::rethrow_exception(failure);
    return listener;
}

}  // namespace

OutsideHost::OutsideHost(const std::atomic<bool>* cancel)
    : link_(cancel, LanPurpose::egress), listener_(listen_inside(link_)) {}

// The listener stops before its namespace goes.
OutsideHost::~OutsideHost() { listener_.reset(); }

EgressTarget OutsideHost::target() const { return EgressTarget{link_.peer_v4(), listener_->port(), {}}; }

OutsideHostOrWhy make_outside_host(const std::atomic<bool>* cancel) {
    OutsideHostOrWhy out;
    try {
        out.host = std::make_unique<OutsideHost>(cancel);
    } catch (const InfraError& e) {
        if (cancel && *cancel) throw;
        out.why = e.what();
    }
    return out;
}

EgressOutside egress_outside(const OutsideHostOrWhy& outside) {
    if (outside.host) return {outside.host->target(), {}};
    return {std::nullopt, outside.why};
}

}  // namespace meshprobe
