#include "watch/metrics_server.h"

#include <chrono>
#include <string>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"
#include "http_client.h"

namespace meshprobe::watch {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::StartsWith;

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
    EXPECT_THAT(status_line(http_exchange(server.port(), "hello\r\n\r\n")),
                MatchesRegex("HTTP/1\\.[01] 400 Bad Request"));
}

TEST_F(MetricsServerTest, AnswersAHugeRequestWith400) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    const std::string request = "GET /metrics HTTP/1.1\r\nX: " + std::string(size_t{64} * 1024, 'a');
    EXPECT_THAT(status_line(http_exchange(server.port(), request)), MatchesRegex("HTTP/1\\.[01] 400 Bad Request"));
}

TEST_F(MetricsServerTest, AnswersManyClientsOneAfterAnother) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    for (int i = 0; i < 50; ++i) ASSERT_THAT(get(server.port(), "/metrics"), StartsWith("HTTP/1.1 200 OK\r\n")) << i;
}

// Debian 12's civetweb is built without IPv6: there an IPv6 address is the user's to change, with
// a message that says so; a civetweb with IPv6 serves it.
TEST_F(MetricsServerTest, ServesOnTheIpv6LoopbackOrSaysThisBuildHasNoIpv6) {
    if (MetricsServer::serves_ipv6()) {
        MetricsServer server(metrics, parse_listen_address("[::1]:0"));
        EXPECT_THAT(http_exchange(server.port(), "GET /metrics HTTP/1.1\r\n\r\n", "::1"),
                    StartsWith("HTTP/1.1 200 OK\r\n"));
        return;
    }
    try {
        MetricsServer server(metrics, parse_listen_address("[::1]:9464"));
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("metrics address '[::1]:9464': this build's HTTP server"));
        EXPECT_THAT(e.what(), HasSubstr("has no IPv6; use an IPv4 address, e.g. 127.0.0.1:9464"));
    }
}

TEST_F(MetricsServerTest, AnswersOptionsWith405RatherThanACorsPreflight) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    const std::string response = http_exchange(
        server.port(),
        "OPTIONS /metrics HTTP/1.1\r\nOrigin: http://a.example\r\nAccess-Control-Request-Method: GET\r\n\r\n");
    EXPECT_THAT(response, StartsWith("HTTP/1.1 405 Method Not Allowed\r\n"));
    EXPECT_THAT(response, Not(HasSubstr("Access-Control-Allow-Origin")));
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

// civetweb's worker waits on a client in polls of 2 s and looks at its stop flag between them.
TEST_F(MetricsServerTest, StopReturnsWithinThePollQuantumWhileAClientHoldsTheConnection) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"), std::chrono::seconds(60));
    Client slow("127.0.0.1", server.port());
    ASSERT_TRUE(slow.connected());
    slow.send("GET /metr");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the server is reading it now
    const auto start = Clock::now();
    server.stop();
    EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(2500));
}

TEST_F(MetricsServerTest, StopFreesThePortAtOnceWhileAClientHoldsTheConnection) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"), std::chrono::seconds(60));
    Client slow("127.0.0.1", server.port());
    ASSERT_TRUE(slow.connected());
    slow.send("GET /metr");
    std::thread stopping([&] { server.stop(); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_FALSE(Client("127.0.0.1", server.port()).connected());
    stopping.join();
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
