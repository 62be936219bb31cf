#include <gtest/gtest.h>

#include "core/ip_address.h"

using meshprobe::is_loopback_address;

TEST(IsLoopbackAddress, TakesEveryAddressOfTheIpv4LoopbackNetwork) {
    EXPECT_TRUE(is_loopback_address("127.0.0.1"));
    EXPECT_TRUE(is_loopback_address("127.1.2.3"));
}

TEST(IsLoopbackAddress, TakesTheIpv6LoopbackAndTheMappedIpv4One) {
    EXPECT_TRUE(is_loopback_address("::1"));
    EXPECT_TRUE(is_loopback_address("::ffff:127.0.0.1"));
}

TEST(IsLoopbackAddress, RefusesEveryOtherAddressAndTheWildcards) {
    EXPECT_FALSE(is_loopback_address("0.0.0.0"));
    EXPECT_FALSE(is_loopback_address("::"));
    EXPECT_FALSE(is_loopback_address("192.168.1.10"));
    EXPECT_FALSE(is_loopback_address("::ffff:10.0.0.1"));
}

TEST(IsLoopbackAddress, RefusesWhatIsNoAddressLiteral) {
    EXPECT_FALSE(is_loopback_address(""));
    EXPECT_FALSE(is_loopback_address("localhost"));
    EXPECT_FALSE(is_loopback_address("127.0.0.1.example"));
}

// The one test for "binds every address" that compose's mappings, the engine's bindings, the
// contract, `diff`, `audit`, `watch` and the metrics server all ask.
TEST(BindsAllAddresses, TakesNoAddressAndBothWildcardsBracketedOrNot) {
    for (const char* ip : {"", "0.0.0.0", "::", "[::]"}) EXPECT_TRUE(meshprobe::binds_all_addresses(ip)) << ip;
}

TEST(BindsAllAddresses, RefusesLoopbackAndOneHostAddress) {
    for (const char* ip : {"127.0.0.1", "::1", "[::1]", "192.0.2.10"}) EXPECT_FALSE(meshprobe::binds_all_addresses(ip)) << ip;
}

TEST(ShownAddress, ShowsNoAddressAsTheIpv4WildcardAndDropsBrackets) {
    EXPECT_EQ(meshprobe::shown_address(""), "0.0.0.0");
    EXPECT_EQ(meshprobe::shown_address("[::1]"), "::1");
    EXPECT_EQ(meshprobe::shown_address("127.0.0.1"), "127.0.0.1");
}
