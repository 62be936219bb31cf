#include "learn/flow_table.h"

namespace meshprobe {
namespace {

// Connections inside one namespace never reach the host's conntrack, but a container can still
// address its own loopback through a bridge-facing socket option; and 127.0.0.11 is Docker's
// embedded resolver, answered inside the container.
bool is_loopback(const std::string& address) { return address.starts_with("127.") || address == "::1"; }

}  // namespace

void AddressBook::add_service(const std::string& service, const std::string& address) {
    if (!address.empty()) peers_[address] = {Peer::Kind::service, service};
}

void AddressBook::add_gateway(const std::string& address) {
    if (!address.empty()) peers_[address] = {Peer::Kind::host, "host"};
}

// A meshprobe container keeps the address it is given even if a service had it before.
void AddressBook::add_ignored(const std::string& address) {
    if (!address.empty()) peers_[address] = {Peer::Kind::ignored, {}};
}

Peer AddressBook::who(const std::string& address) const {
    if (is_loopback(address)) return {Peer::Kind::ignored, {}};
    const auto found = peers_.find(address);
    if (found != peers_.end()) return found->second;
    return {Peer::Kind::outside, address};
}

bool FlowTable::record(const ConnectionEvent& event, const AddressBook& book) {
    const Peer from = book.who(event.source);
    if (from.kind != Peer::Kind::service) return false;
    const Peer to = book.who(event.destination);
    if (to.kind == Peer::Kind::ignored) return false;
    // A service reaching its own address (hairpin through the bridge) is no flow between services.
    if (to.kind == Peer::Kind::service && to.name == from.name && event.source == event.destination) return false;
    SeenFlow& flow = flows_[Key{from.name, to.name, event.protocol, event.port}];
    if (flow.connections == 0) flow = {from.name, to.name, to.kind, event.port, event.protocol, 0};
    ++flow.connections;
    return true;
}

std::vector<SeenFlow> FlowTable::flows() const {
    std::vector<SeenFlow> out;
    out.reserve(flows_.size());
    for (const auto& [key, flow] : flows_) out.push_back(flow);
    return out;
}

}  // namespace meshprobe
