#include "contract/address_syntax.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace meshprobe {

namespace {

bool is_digits(const std::string& text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

int parse_port(const std::string& text) {
    if (!is_digits(text) || text.size() > 5 || std::stoi(text) < 1 || std::stoi(text) > 65535)
        throw SyntaxError(fmt::format("'{}' is not a port number from 1 to 65535", text));
    return std::stoi(text);
}

bool is_ipv4(const std::string& text) {
    in_addr address{};
    return inet_pton(AF_INET, text.c_str(), &address) == 1;
}

bool is_ipv6(const std::string& text) {
    in6_addr address{};
    return inet_pton(AF_INET6, text.c_str(), &address) == 1;
}

// RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens.
bool is_host_name(const std::string& text) {
    if (text.empty() || text.size() > 253) return false;
    size_t start = 0;
    bool all_numeric = true;
    while (start <= text.size()) {
        size_t end = text.find('.', start);
        if (end == std::string::npos) end = text.size();
        std::string label = text.substr(start, end - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return false;
        for (unsigned char c : label) {
            if (!std::isalnum(c) && c != '-') return false;
        }
        all_numeric = all_numeric && is_digits(label);
        start = end + 1;
    }
    // "10.0.0" or "300.1.1.1" are mistyped addresses, not names.
    return !all_numeric;
}

}  // namespace

std::vector<PublishRule> parse_publish(const std::string& text) {
    PublishRule rule;
    std::string rest = text;
    if (size_t slash = rest.find('/'); slash != std::string::npos) {
        rule.protocol = rest.substr(slash + 1);
        rest.resize(slash);
        if (rule.protocol != "tcp" && rule.protocol != "udp")
            throw SyntaxError(fmt::format("protocol '{}' must be tcp or udp", rule.protocol));
    }
    if (rest.starts_with("[")) {
        size_t close = rest.find(']');
        if (close == std::string::npos || close + 1 >= rest.size() || rest[close + 1] != ':')
            throw SyntaxError("an IPv6 host address is written '[address]:port', e.g. '[::1]:80'");
        rule.host_ip = rest.substr(1, close - 1);
        if (!is_ipv6(rule.host_ip))
            throw SyntaxError(fmt::format("'{}' is not an IPv6 address", rule.host_ip));
        rest = rest.substr(close + 2);
    } else if (size_t colon = rest.find(':'); colon != std::string::npos) {
        rule.host_ip = rest.substr(0, colon);
        rest = rest.substr(colon + 1);
        if (rest.find(':') != std::string::npos)
            throw SyntaxError(
                "give the host port only ('[host_ip:]port[/tcp|udp]'); an IPv6 address goes in "
                "brackets, e.g. '[::1]:80'");
        if (is_digits(rule.host_ip))
            throw SyntaxError(fmt::format("'{}' is compose's host:container form; publish: lists the host port "
                                          "only: write '{}'", text, rule.host_ip));
        if (!is_ipv4(rule.host_ip))
            throw SyntaxError(fmt::format("'{}' is not an IPv4 address", rule.host_ip));
    }
    std::vector<PublishRule> rules;
    if (size_t dash = rest.find('-'); dash != std::string::npos) {
        const int first = parse_port(rest.substr(0, dash));
        const int last = parse_port(rest.substr(dash + 1));
        constexpr int kLongestRange = 1024;
        if (last < first) throw SyntaxError(fmt::format("the range '{}' ends before it starts", rest));
        if (last - first >= kLongestRange)
            throw SyntaxError(fmt::format("the range '{}' has more than {} ports", rest, kLongestRange));
        for (int port = first; port <= last; ++port) {
            rule.port = port;
            rules.push_back(rule);
        }
        return rules;
    }
    rule.port = parse_port(rest);
    rules.push_back(rule);
    return rules;
}

EgressTarget parse_egress_target(const std::string& text) {
    EgressTarget target;
    target.host = text;
    if (std::count(text.begin(), text.end(), ':') > 1 || text.starts_with("["))
        throw SyntaxError("IPv6 egress targets are not supported; use an IPv4 address or a name");
    if (size_t colon = text.find(':'); colon != std::string::npos) {
        target.host = text.substr(0, colon);
        target.port = parse_port(text.substr(colon + 1));
    }
    if (!is_ipv4(target.host) && !is_host_name(target.host))
        throw SyntaxError(
            fmt::format("'{}' is neither an IPv4 address nor a host name", target.host));
    return target;
}

}  // namespace meshprobe
