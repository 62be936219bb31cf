#pragma once
#include <string>
#include <string_view>

namespace meshprobe {

// SHA-256 (FIPS 180-4) of data, as 64 lowercase hex digits, from OpenSSL's EVP.
// std::runtime_error when OpenSSL cannot compute it (no memory, no SHA-256 provider).
std::string sha256_hex(std::string_view data);

}  // namespace meshprobe
