#include "engine/sha256.h"

#include <array>
#include <iterator>
#include <stdexcept>

#include <fmt/format.h>
#include <openssl/evp.h>

namespace meshprobe {

std::string sha256_hex(std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned length = 0;
    // EVP_Digest fails only when OpenSSL cannot allocate or has no SHA-256 provider.
    if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("OpenSSL cannot compute a SHA-256 digest");
    }
    std::string hex;
    hex.reserve(2 * length);
    for (unsigned i = 0; i < length; ++i) fmt::format_to(std::back_inserter(hex), "{:02x}", digest[i]);
    return hex;
}

}  // namespace meshprobe
