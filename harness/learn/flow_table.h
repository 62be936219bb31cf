#pragma once
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace meshprobe {

// What `meshprobe learn` records (docs/learn.md): connections the kernel tracked, attributed to
// the services of the running stack and counted per service pair, port and protocol.

// One new connection as connection tracking reports it: the original direction's tuple.
struct ConnectionEvent {
    std::string protocol;     // "tcp" | "udp"
    std::string source;       // address literal
    std::string destination;  // address literal
    int port = 0;             // destination port
};

// Who an address is, in the stack as it runs now.
struct Peer {
    enum class Kind {
        service,   // a container of a service (name: the service)
        host,      // a gateway of one of the host's bridges (name: "host")
        outside,   // anything else (name: the address)
        ignored,   // not a flow: meshprobe's own containers, loopback, Docker's embedded DNS
    };
    Kind kind = Kind::outside;
    std::string name;
};

// Addresses of the running stack: its services' containers, the bridge gateways, and the
// addresses of meshprobe's own containers. Rebuilt whenever the stack changes, so a container
// that restarted with a new address is still attributed.
class AddressBook {
public:
    void add_service(const std::string& service, const std::string& address);
    void add_gateway(const std::string& address);
    void add_ignored(const std::string& address);
    Peer who(const std::string& address) const;
    bool empty() const { return peers_.empty(); }

private:
    std::map<std::string, Peer> peers_;
};

// One learned flow: every connection from a service to one destination, port and protocol.
struct SeenFlow {
    std::string from;  // a service
    std::string to;    // a service, "host", or an outside address
    Peer::Kind to_kind = Peer::Kind::service;
    int port = 0;
    std::string protocol;
    long connections = 0;
};

// The flows seen so far, counted. Events whose source is no service of the stack (the host, a
// published port's clients, other stacks) and events to ignored addresses are not flows.
class FlowTable {
public:
    // Whether the event was counted as a flow.
    bool record(const ConnectionEvent& event, const AddressBook& book);
    // Every flow, ordered by from, to, protocol, port.
    std::vector<SeenFlow> flows() const;

private:
    using Key = std::tuple<std::string, std::string, std::string, int>;  // from, to, protocol, port
    std::map<Key, SeenFlow> flows_;
};

}  // namespace meshprobe
