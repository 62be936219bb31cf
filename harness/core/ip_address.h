#pragma once
#include <string>

namespace meshprobe {

// 127.0.0.0/8, ::1, and 127.0.0.0/8 mapped into IPv6 (::ffff:127.0.0.1): an address only this
// host reaches. Anything that is not an IP address literal is not loopback.
bool is_loopback_address(const std::string& ip);

}  // namespace meshprobe
