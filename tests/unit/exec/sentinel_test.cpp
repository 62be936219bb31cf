#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "exec/sentinel.h"

using namespace meshprobe;

namespace {

// What a connect to ip:port reads back; empty when nothing answers.
std::string greeting_from(const std::string& ip, int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, ip.c_str(), &address.sin_addr);
    std::string out;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
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

TEST(Sentinel, SkipsAddressesThatAreNotIpv4) {
    Sentinel sentinel({"fd00::1", "127.0.0.2"});
    EXPECT_EQ(sentinel.addresses(), std::vector<std::string>{"127.0.0.2"});
}
