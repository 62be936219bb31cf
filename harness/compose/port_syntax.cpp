#include "compose/port_syntax.h"

#include <charconv>

#include "core/errors.h"

namespace meshprobe {
namespace {

int parse_port_number(const std::string& text, const SourceLocation& where, const std::string& spec) {
    int value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value < 0 || value > 65535) {
        throw InputError(where, "invalid port '" + spec + "'");
    }
    return value;
}

PortRange parse_range(const std::string& text, const SourceLocation& where, const std::string& spec) {
    if (text.empty()) return {};
    const auto dash = text.find('-');
    if (dash == std::string::npos) {
        const int port = parse_port_number(text, where, spec);
        return {port, port};
    }
    PortRange range{parse_port_number(text.substr(0, dash), where, spec),
                    parse_port_number(text.substr(dash + 1), where, spec)};
    if (range.last < range.first) throw InputError(where, "invalid port range '" + spec + "'");
    return range;
}

// Splits "spec/protocol"; compose's default protocol is tcp.
std::pair<std::string, std::string> split_protocol(const std::string& spec) {
    const auto slash = spec.rfind('/');
    if (slash == std::string::npos) return {spec, "tcp"};
    return {spec.substr(0, slash), spec.substr(slash + 1)};
}

}  // namespace

PortRange parse_port_range(const std::string& text, const SourceLocation& where) {
    return parse_range(text, where, text);
}

PortMapping parse_short_port(const std::string& spec, const SourceLocation& where) {
    auto [rest, protocol] = split_protocol(spec);
    PortMapping mapping;
    mapping.protocol = protocol;
    mapping.where = where;

    std::string host_ip;
    if (!rest.empty() && rest.front() == '[') {
        const auto close = rest.find("]:");
        if (close == std::string::npos) throw InputError(where, "invalid port '" + spec + "'");
        host_ip = rest.substr(1, close - 1);
        rest = rest.substr(close + 2);
    }
    // The container side is after the last colon, the host side before it; whatever precedes
    // the host side is the address, which may itself hold colons (IPv6, as compose 1.29 renders it).
    std::string host_part;
    const auto last = rest.rfind(':');
    std::string container_part = last == std::string::npos ? rest : rest.substr(last + 1);
    if (last != std::string::npos) {
        const std::string before = rest.substr(0, last);
        const auto middle = before.rfind(':');
        if (middle == std::string::npos) {
            host_part = before;
        } else {
            if (!host_ip.empty()) throw InputError(where, "invalid port '" + spec + "'");
            host_ip = before.substr(0, middle);
            host_part = before.substr(middle + 1);
        }
    }
    mapping.host_ip = host_ip;

    const PortRange container = parse_range(container_part, where, spec);
    if (container.first == 0) throw InputError(where, "invalid port '" + spec + "': no container port");
    const PortRange host = parse_range(host_part, where, spec);
    mapping.container_port = container.first;
    mapping.container_port_end = container.last;
    mapping.host_port = host.first;
    mapping.host_port_end = host.last;
    return mapping;
}

std::vector<PortMapping> expand_port_range(const PortMapping& mapping) {
    const int count = mapping.container_port_end - mapping.container_port;
    if (count <= 0) return {mapping};
    const bool paired = mapping.host_port != 0;
    if (paired && mapping.host_port_end - mapping.host_port != count) {
        throw InputError(mapping.where, "port range " + std::to_string(mapping.host_port) + "-" +
                                            std::to_string(mapping.host_port_end) + " has not as many ports as " +
                                            std::to_string(mapping.container_port) + "-" +
                                            std::to_string(mapping.container_port_end));
    }
    std::vector<PortMapping> ports;
    for (int i = 0; i <= count; ++i) {
        PortMapping one = mapping;
        one.container_port = one.container_port_end = mapping.container_port + i;
        one.host_port = one.host_port_end = paired ? mapping.host_port + i : 0;
        ports.push_back(one);
    }
    return ports;
}

std::vector<int> parse_expose(const std::string& spec, const SourceLocation& where) {
    const PortRange range = parse_range(split_protocol(spec).first, where, spec);
    if (range.first == 0) throw InputError(where, "invalid exposed port '" + spec + "'");
    std::vector<int> ports;
    for (int p = range.first; p <= range.last; ++p) ports.push_back(p);
    return ports;
}

}  // namespace meshprobe
