#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "contract/contract.h"

namespace meshprobe {

// Thrown by the parsers below with the reason the text is wrong; the caller adds the location.
class SyntaxError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// A `publish:` entry: "[host_ip:]port[/tcp|udp]", an IPv6 host_ip in brackets ("[::1]:80"),
// the port possibly a range ("6000-6005"), which gives one rule a port. The brackets are not
// kept in host_ip.
std::vector<PublishRule> parse_publish(const std::string& text);

// An `egress_targets:` entry: "host[:port]" with an IPv4 literal or a DNS name; port 80 by default.
EgressTarget parse_egress_target(const std::string& text);

}  // namespace meshprobe
