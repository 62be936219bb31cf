#include "core/ip_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

namespace meshprobe {

bool is_loopback_address(const std::string& ip) {
    in_addr v4{};
    if (::inet_pton(AF_INET, ip.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (::inet_pton(AF_INET6, ip.c_str(), &v6) != 1) return false;
    if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
    return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
}

std::string bare_address(std::string ip) {
    if (ip.size() >= 2 && ip.front() == '[' && ip.back() == ']') ip = ip.substr(1, ip.size() - 2);
    return ip;
}

bool binds_all_addresses(const std::string& ip) {
    const std::string bare = bare_address(ip);
    return bare.empty() || bare == "0.0.0.0" || bare == "::";
}

std::string shown_address(const std::string& ip) { return ip.empty() ? "0.0.0.0" : bare_address(ip); }

}  // namespace meshprobe
