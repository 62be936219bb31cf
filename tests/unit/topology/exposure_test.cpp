#include "topology/exposure.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace meshprobe;

// Recorded from this machine's /proc/net/tcp and tcp6 (ports changed), one line of each kind.
TEST(HostListeners, ListeningTcpSocketsAreReadWithTheirAddressAndPort) {
    const std::string tcp =
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
        "   0: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1149 1 0 100 0 0 10 0\n"
        "   1: 0100007F:1F9A 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1150 1 0 100 0 0 10 0\n"
        "   2: 0100007F:9C40 0100007F:1F9A 01 00000000:00000000 00:00000000 00000000     0        0 1151 1 0 100 0 0 10 0\n";
    const std::vector<HostListener> found = parse_proc_net(tcp, "tcp", false);
    ASSERT_EQ(found.size(), 2u);  // the established connection is no listener
    EXPECT_EQ(found[0].address, "0.0.0.0");
    EXPECT_EQ(found[0].port, 80);
    EXPECT_EQ(found[1].address, "127.0.0.1");
    EXPECT_EQ(found[1].port, 8090);
}

TEST(HostListeners, Ipv6AddressesAreReadFromTheirFourWords) {
    const std::string tcp6 =
        "  sl  local_address                         remote_address                        st\n"
        "   0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 0 0 0\n"
        "   1: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 0 0 0\n";
    const std::vector<HostListener> found = parse_proc_net(tcp6, "tcp", true);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].address, "::");
    EXPECT_EQ(found[1].address, "::1");
    EXPECT_EQ(found[1].port, 22);
}

TEST(HostListeners, OnlyUnconnectedUdpSocketsCount) {
    const std::string udp =
        "   sl  local_address rem_address   st\n"
        "  1: 00000000:14E9 00000000:0000 07 0 0\n"
        "  2: 0100007F:14EA 0100007F:0035 01 0 0\n";
    const std::vector<HostListener> found = parse_proc_net(udp, "udp", false);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].port, 5353);
}
