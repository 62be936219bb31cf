#include "watch/metrics_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"

namespace meshprobe::watch {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using Clock = std::chrono::steady_clock;

// A connected TCP socket to host:port, closed when it goes.
class Client {
public:
    Client(const std::string& host, int port) {
        sockaddr_storage address{};
        socklen_t length = 0;
        auto* v4 = reinterpret_cast<sockaddr_in*>(&address);
        auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
        if (::inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
            v4->sin_family = AF_INET;
            v4->sin_port = htons(static_cast<uint16_t>(port));
            length = sizeof *v4;
        } else {
            ::inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr);
            v6->sin6_family = AF_INET6;
            v6->sin6_port = htons(static_cast<uint16_t>(port));
            length = sizeof *v6;
        }
        fd_ = ::socket(address.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }
    ~Client() {
        if (fd_ >= 0) ::close(fd_);
    }
    bool connected() const { return fd_ >= 0; }
    void send(const std::string& text) const { (void)::send(fd_, text.data(), text.size(), MSG_NOSIGNAL); }
    // Everything until the server closes; nullopt when it does not within the timeout.
    std::optional<std::string> read_all(std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
        std::string text;
        const auto deadline = Clock::now() + timeout;
        while (true) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            if (left <= 0) return std::nullopt;
            pollfd polled{fd_, POLLIN, 0};
            if (::poll(&polled, 1, static_cast<int>(left)) <= 0) continue;
            char buffer[4096];
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) return text;
            text.append(buffer, static_cast<size_t>(n));
        }
    }

private:
    int fd_ = -1;
};

std::string http_exchange(int port, const std::string& request, const std::string& host = "127.0.0.1") {
    Client client(host, port);
    if (!client.connected()) return "not connected";
    client.send(request);
    return client.read_all().value_or("no answer");
}

std::string get(int port, const std::string& path) {
    return http_exchange(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n");
}

std::string body_of(const std::string& response) { return response.substr(response.find("\r\n\r\n") + 4); }

class MetricsServerTest : public ::testing::Test {
protected:
    MetricsServerTest() {
        metrics.declare("meshprobe_violations_open", MetricType::gauge, "Open.");
        metrics.set("meshprobe_violations_open", 2);
    }
    Metrics metrics;
};

TEST(ListenAddress, ReadsAnIpv4AddressAndPort) {
    const ListenAddress address = parse_listen_address("127.0.0.1:9464");
    EXPECT_EQ(address.host, "127.0.0.1");
    EXPECT_EQ(address.port, 9464);
    EXPECT_EQ(address.str(), "127.0.0.1:9464");
}

TEST(ListenAddress, ReadsAnIpv6AddressInBrackets) {
    const ListenAddress address = parse_listen_address("[::1]:9464");
    EXPECT_EQ(address.host, "::1");
    EXPECT_EQ(address.port, 9464);
    EXPECT_EQ(address.str(), "[::1]:9464");
}

TEST(ListenAddress, TakesPortZeroForAnyFreePort) { EXPECT_EQ(parse_listen_address("0.0.0.0:0").port, 0); }

TEST(ListenAddress, RefusesAHostName) {
    try {
        parse_listen_address("localhost:9464");
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("metrics address 'localhost:9464': 'localhost' is no IP address"));
        EXPECT_THAT(e.what(), HasSubstr("127.0.0.1:9464 or [::1]:9464"));
    }
}

TEST(ListenAddress, RefusesAnIpv6AddressWithoutBrackets) {
    try {
        parse_listen_address("::1:9464");
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("an IPv6 address goes in brackets"));
    }
}

TEST(ListenAddress, RefusesAMissingOrBadPort) {
    for (const char* text : {"127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:94a4",
                             "127.0.0.1: 9464", "[::1]", "[::1]9464", "[::1]:"}) {
        EXPECT_THROW(parse_listen_address(text), InputError) << text;
    }
}

TEST(ListenAddress, RefusesAMissingAddress) {
    for (const char* text : {":9464", "[]:9464", "[::1:9464", "[127.0.0.1]:9464", "300.1.1.1:9464"}) {
        EXPECT_THROW(parse_listen_address(text), InputError) << text;
    }
}

TEST_F(MetricsServerTest, ReportsThePortTheKernelChoseForPortZero) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    EXPECT_GT(server.port(), 0);
    EXPECT_EQ(server.address().str(), "127.0.0.1:" + std::to_string(server.port()));
}

TEST_F(MetricsServerTest, AnswersGetMetricsWithTheRenderedRegistry) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    const std::string response = get(server.port(), "/metrics");
    EXPECT_THAT(response, StartsWith("HTTP/1.1 200 OK\r\n"));
    EXPECT_EQ(body_of(response), metrics.render());
}

TEST_F(MetricsServerTest, SaysTheTextFormatVersionAndLengthAndCloses) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    const std::string response = get(server.port(), "/metrics");
    EXPECT_THAT(response, HasSubstr("\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"));
    EXPECT_THAT(response, HasSubstr("\r\nContent-Length: " + std::to_string(metrics.render().size()) + "\r\n"));
    EXPECT_THAT(response, HasSubstr("\r\nConnection: close\r\n"));
}

TEST_F(MetricsServerTest, ServesTheValuesOfTheMomentOfEachRequest) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    EXPECT_THAT(get(server.port(), "/metrics"), EndsWith("\nmeshprobe_violations_open 2\n"));
    metrics.set("meshprobe_violations_open", 7);
    EXPECT_THAT(get(server.port(), "/metrics"), EndsWith("\nmeshprobe_violations_open 7\n"));
}

TEST_F(MetricsServerTest, IgnoresAQueryString) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    EXPECT_THAT(get(server.port(), "/metrics?x=1"), StartsWith("HTTP/1.1 200 OK\r\n"));
}

TEST_F(MetricsServerTest, AnswersAnHttp10Request) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    EXPECT_THAT(http_exchange(server.port(), "GET /metrics HTTP/1.0\r\n\r\n"), StartsWith("HTTP/1.1 200 OK\r\n"));
}

TEST_F(MetricsServerTest, AnswersHeadWithoutABody) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    const std::string response = http_exchange(server.port(), "HEAD /metrics HTTP/1.1\r\n\r\n");
    EXPECT_THAT(response, StartsWith("HTTP/1.1 200 OK\r\n"));
    EXPECT_THAT(response, EndsWith("\r\n\r\n"));
}

TEST_F(MetricsServerTest, AnswersAnotherPathWith404) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    for (const char* path : {"/", "/metricsx", "/metrics/", "/favicon.ico"})
        EXPECT_THAT(get(server.port(), path), StartsWith("HTTP/1.1 404 Not Found\r\n")) << path;
}

TEST_F(MetricsServerTest, AnswersAnotherMethodWith405AndTheAllowedOnes) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    const std::string response =
        http_exchange(server.port(), "POST /metrics HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello");
    EXPECT_THAT(response, StartsWith("HTTP/1.1 405 Method Not Allowed\r\n"));
    EXPECT_THAT(response, HasSubstr("\r\nAllow: GET, HEAD\r\n"));
    EXPECT_THAT(response, Not(HasSubstr("meshprobe_violations_open")));
}

TEST_F(MetricsServerTest, AnswersWhatIsNoHttpRequestWith400) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    EXPECT_THAT(http_exchange(server.port(), "hello\r\n\r\n"), StartsWith("HTTP/1.1 400 Bad Request\r\n"));
}

TEST_F(MetricsServerTest, AnswersAHugeRequestWith400) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    const std::string request = "GET /metrics HTTP/1.1\r\nX: " + std::string(size_t{64} * 1024, 'a');
    EXPECT_THAT(http_exchange(server.port(), request), StartsWith("HTTP/1.1 400 Bad Request\r\n"));
}

TEST_F(MetricsServerTest, AnswersManyClientsOneAfterAnother) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    for (int i = 0; i < 50; ++i) ASSERT_THAT(get(server.port(), "/metrics"), StartsWith("HTTP/1.1 200 OK\r\n")) << i;
}

TEST_F(MetricsServerTest, ServesOnTheIpv6Loopback) {
    MetricsServer server(metrics, parse_listen_address("[::1]:0"));
    EXPECT_THAT(http_exchange(server.port(), "GET /metrics HTTP/1.1\r\n\r\n", "::1"),
                StartsWith("HTTP/1.1 200 OK\r\n"));
}

TEST_F(MetricsServerTest, DropsAClientThatSendsNothingAndServesTheNext) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"), std::chrono::milliseconds(300));
    Client silent("127.0.0.1", server.port());
    ASSERT_TRUE(silent.connected());
    const auto start = Clock::now();
    EXPECT_THAT(get(server.port(), "/metrics"), StartsWith("HTTP/1.1 200 OK\r\n"));
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(3));
    // The silent one was closed without an answer.
    EXPECT_EQ(silent.read_all(std::chrono::seconds(1)), "");
}

TEST_F(MetricsServerTest, StopReturnsPromptlyWhenIdle) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    const auto start = Clock::now();
    server.stop();
    EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(500));
}

TEST_F(MetricsServerTest, StopReturnsPromptlyWhileAClientHoldsTheConnection) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"), std::chrono::seconds(60));
    Client slow("127.0.0.1", server.port());
    ASSERT_TRUE(slow.connected());
    slow.send("GET /metr");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the server is reading it now
    const auto start = Clock::now();
    server.stop();
    EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(500));
}

TEST_F(MetricsServerTest, StopTwiceIsHarmless) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    server.stop();
    server.stop();
}

TEST_F(MetricsServerTest, FreesThePortWhenStopped) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    server.stop();
    EXPECT_FALSE(Client("127.0.0.1", server.port()).connected());
    MetricsServer again(metrics, parse_listen_address("127.0.0.1:" + std::to_string(server.port())));
    EXPECT_THAT(get(again.port(), "/metrics"), StartsWith("HTTP/1.1 200 OK\r\n"));
}

TEST_F(MetricsServerTest, ListensNoMoreAfterItIsGone) {
    int port = 0;
    {
        MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
        port = server.port();
    }
    EXPECT_FALSE(Client("127.0.0.1", port).connected());
}

TEST_F(MetricsServerTest, RefusesAPortInUseAsAnInfraError) {
    MetricsServer first(metrics, parse_listen_address("127.0.0.1:0"));
    try {
        MetricsServer second(metrics, parse_listen_address("127.0.0.1:" + std::to_string(first.port())));
        FAIL() << "no exception";
    } catch (const InfraError& e) {
        EXPECT_THAT(e.what(), HasSubstr("cannot serve metrics on 127.0.0.1:" + std::to_string(first.port())));
        EXPECT_THAT(e.what(), HasSubstr("the port is in use"));
    }
}

TEST_F(MetricsServerTest, RefusesAnAddressThisMachineDoesNotHaveAsAnInputError) {
    // 192.0.2.0/24 is TEST-NET-1: no machine has it, and binding sends nothing anywhere.
    try {
        MetricsServer server(metrics, parse_listen_address("192.0.2.1:9464"));
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(),
                    HasSubstr("metrics address '192.0.2.1:9464': 192.0.2.1 is not an address of this machine"));
    }
}

}  // namespace
}  // namespace meshprobe::watch
