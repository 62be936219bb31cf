#include <gtest/gtest.h>

#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "exec/sentinel.h"
#include "probes/socket_address.h"

using namespace meshprobe;

namespace {

// What a connect to ip:port (IPv4 or IPv6) reads back; empty when nothing answers.
std::string greeting_from(const std::string& ip, int port) {
    const auto address = probe::socket_address(ip, port);
    if (!address) return "not an address: " + ip;
    int fd = ::socket(address->family(), SOCK_STREAM | SOCK_CLOEXEC, 0);
    std::string out;
    if (::connect(fd, address->get(), address->length) == 0) {
        char buffer[128];
        ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n > 0) out.assign(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

}  // namespace

TEST(Sentinel, GreetsOnTheAddressesItWasGiven) {
    Sentinel sentinel({"127.0.0.2", "127.0.0.3"});
    EXPECT_EQ(greeting_from("127.0.0.2", sentinel.port()), "meshprobe-sentinel " + sentinel.token() + "\n");
    EXPECT_EQ(greeting_from("127.0.0.3", sentinel.port()), "meshprobe-sentinel " + sentinel.token() + "\n");
}

TEST(Sentinel, NothingAnswersOnAnyOtherAddressOfTheHost) {
    Sentinel sentinel({"127.0.0.2"});
    EXPECT_EQ(greeting_from("127.0.0.1", sentinel.port()), "");
    EXPECT_EQ(greeting_from("127.0.0.4", sentinel.port()), "");
}

TEST(Sentinel, GreetsOnIpv6AddressesToo) {
    Sentinel sentinel({"::1", "127.0.0.2"});
    EXPECT_EQ(greeting_from("::1", sentinel.port()), "meshprobe-sentinel " + sentinel.token() + "\n");
    EXPECT_EQ(greeting_from("127.0.0.1", sentinel.port()), "");
}

TEST(Sentinel, SkipsWhatIsNoAddress) {
    Sentinel sentinel({"gateway.example", "::1", "127.0.0.2"});
    EXPECT_EQ(sentinel.addresses(), (std::vector<std::string>{"::1", "127.0.0.2"}));
}
