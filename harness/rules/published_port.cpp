#include "rules/published_port.h"

#include <fmt/format.h>

namespace meshprobe {

std::string bare_address(std::string ip) {
    if (ip.size() >= 2 && ip.front() == '[' && ip.back() == ']') ip = ip.substr(1, ip.size() - 2);
    return ip;
}

bool binds_all_addresses(const std::string& ip) {
    std::string bare = bare_address(ip);
    return bare.empty() || bare == "0.0.0.0" || bare == "::";
}

std::string describe_published(const PortMapping& port) {
    std::string address = binds_all_addresses(port.host_ip) ? "all addresses" : bare_address(port.host_ip);
    std::string host = port.host_port == 0 ? "a random port"
                       : port.host_port_end > port.host_port
                           ? fmt::format("{}-{}", port.host_port, port.host_port_end)
                           : std::to_string(port.host_port);
    std::string container = port.container_port_end > port.container_port
                                ? fmt::format("{}-{}", port.container_port, port.container_port_end)
                                : std::to_string(port.container_port);
    return fmt::format("{} on {} (container {}/{})", host, address, container, port.protocol);
}

}  // namespace meshprobe
