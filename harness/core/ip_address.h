#pragma once
#include <string>

namespace meshprobe {

// 127.0.0.0/8, ::1, and 127.0.0.0/8 mapped into IPv6 (::ffff:127.0.0.1): an address only this
// host reaches. Anything that is not an IP address literal is not loopback.
bool is_loopback_address(const std::string& ip);

// "[::1]" -> "::1"; other addresses as they are.
std::string bare_address(std::string ip);

// Empty, 0.0.0.0 and :: (bracketed or not) all bind every address of the host: the one test
// for compose's mappings, the engine's bindings and the contract's publish entries.
bool binds_all_addresses(const std::string& ip);

// How a binding's host address is shown: "0.0.0.0" for none (compose's `80:80` binds every
// address), without brackets otherwise.
std::string shown_address(const std::string& ip);

}  // namespace meshprobe
