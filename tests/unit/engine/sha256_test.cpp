#include "engine/sha256.h"

#include <cstdio>

#include <gtest/gtest.h>

namespace meshprobe {
namespace {

TEST(Sha256, MatchesFipsExampleVectors) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, MatchesAMillionAs) {
    EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// Lengths around the 55/56/64-byte padding edges, checked against coreutils sha256sum.
TEST(Sha256, MatchesSha256sumAcrossPaddingBoundaries) {
    for (std::size_t length : {55u, 56u, 57u, 63u, 64u, 65u, 119u, 120u, 128u}) {
        std::string data(length, 'q');
        std::string command = "printf '%s' " + data + " | sha256sum";
        FILE* pipe = ::popen(command.c_str(), "r");
        char digest[65] = {};
        ASSERT_EQ(std::fread(digest, 1, 64, pipe), 64u);
        ::pclose(pipe);
        EXPECT_EQ(sha256_hex(data), digest) << "length " << length;
    }
}

}  // namespace
}  // namespace meshprobe
