#include "learn/conntrack_events.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "core/errors.h"

namespace meshprobe {
namespace {

std::string address_text(int family, const void* bytes) {
    char text[INET6_ADDRSTRLEN] = {};
    return inet_ntop(family, bytes, text, sizeof text) ? text : "";
}

int on_event(enum nf_conntrack_msg_type /*type*/, struct nf_conntrack* ct, void* data) {
    auto* batch = static_cast<std::vector<ConnectionEvent>*>(data);
    const std::uint8_t l4 = nfct_get_attr_u8(ct, ATTR_ORIG_L4PROTO);
    if (l4 != IPPROTO_TCP && l4 != IPPROTO_UDP) return NFCT_CB_CONTINUE;
    ConnectionEvent event;
    event.protocol = l4 == IPPROTO_TCP ? "tcp" : "udp";
    if (nfct_get_attr_u8(ct, ATTR_ORIG_L3PROTO) == AF_INET) {
        event.source = address_text(AF_INET, nfct_get_attr(ct, ATTR_ORIG_IPV4_SRC));
        event.destination = address_text(AF_INET, nfct_get_attr(ct, ATTR_ORIG_IPV4_DST));
    } else {
        event.source = address_text(AF_INET6, nfct_get_attr(ct, ATTR_ORIG_IPV6_SRC));
        event.destination = address_text(AF_INET6, nfct_get_attr(ct, ATTR_ORIG_IPV6_DST));
    }
    event.port = ntohs(nfct_get_attr_u16(ct, ATTR_ORIG_PORT_DST));
    batch->push_back(std::move(event));
    return NFCT_CB_CONTINUE;
}

}  // namespace

namespace {

void require_sysctl_one(const std::string& name, const std::string& family) {
    const std::string path = "/proc/sys/net/bridge/" + name;
    std::ifstream in(path);
    std::string value;
    if (!(in >> value)) {
        throw InfraError("cannot read " + path +
                         ": the br_netfilter module is not loaded, so the host does not track " + family +
                         " traffic between containers (Docker loads it; `modprobe br_netfilter`)");
    }
    if (value != "1") {
        throw InfraError(path + " is " + value + ": the host does not track " + family +
                         " traffic between containers on one bridge, so learn would miss it");
    }
}

}  // namespace

void require_bridged_tracking(bool ipv6) {
    require_sysctl_one("bridge-nf-call-iptables", "IPv4");
    if (ipv6) require_sysctl_one("bridge-nf-call-ip6tables", "IPv6");
}

ConntrackEvents::ConntrackEvents() {
    handle_ = nfct_open(CONNTRACK, NF_NETLINK_CONNTRACK_NEW);
    if (!handle_) {
        throw InfraError(std::string("cannot subscribe to connection tracking events (netlink): ") +
                         std::strerror(errno) +
                         (errno == EPERM ? "; learn needs root or CAP_NET_ADMIN" : "; is nf_conntrack loaded?"));
    }
    const int fd = nfct_fd(handle_);
    // A burst (a client opening hundreds of connections) must not overflow the socket: 8 MiB,
    // past the default limit as root (SO_RCVBUFFORCE), else what the limit allows.
    const int size = 8 << 20;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0) {
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    }
    // Non-blocking, so nfct_catch returns once the queue is empty instead of waiting.
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    nfct_callback_register(handle_, NFCT_T_NEW, on_event, &batch_);
}

ConntrackEvents::~ConntrackEvents() {
    if (handle_) nfct_close(handle_);
}

std::vector<ConnectionEvent> ConntrackEvents::wait(int timeout_ms) {
    pollfd ready{nfct_fd(handle_), POLLIN, 0};
    const int polled = poll(&ready, 1, timeout_ms);
    if (polled < 0 && errno != EINTR) {
        throw InfraError(std::string("waiting for connection tracking events: ") + std::strerror(errno));
    }
    batch_.clear();
    if (polled <= 0) return {};
    for (;;) {
        if (nfct_catch(handle_) >= 0) continue;
        if (errno == ENOBUFS) {
            ++overflows_;
            continue;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) break;
        throw InfraError(std::string("reading connection tracking events: ") + std::strerror(errno));
    }
    return std::move(batch_);
}

}  // namespace meshprobe
