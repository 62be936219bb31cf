// Clients that hold a connection without finishing their request, or without reading the reply,
// hold one of the server's workers each: a scrape beside them is answered at once (issue 19: 20
// idle connections delayed a scrape by 90 s when the server answered one client after another).
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http_client.h"
#include "watch/metrics_server.h"

namespace meshprobe::watch {
namespace {

using ::testing::StartsWith;

class SlowClientsTest : public ::testing::Test {
protected:
    SlowClientsTest() {
        metrics.declare("meshprobe_violations_open", MetricType::gauge, "Open.");
        metrics.set("meshprobe_violations_open", 2);
    }

    // Connections that stay open: `idle` send nothing, `partial` the start of a request.
    std::vector<std::unique_ptr<Client>> hold(int port, int idle, int partial) {
        std::vector<std::unique_ptr<Client>> held;
        for (int i = 0; i < idle + partial; ++i) {
            held.push_back(std::make_unique<Client>("127.0.0.1", port));
            if (!held.back()->connected()) ADD_FAILURE() << "connection " << i << " was refused";
            if (i >= idle) held.back()->send("GET /metrics HTTP/1.1\r\nHost: loc");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the server has taken them all
        return held;
    }

    // The time a scrape beside them takes, its answer checked.
    Clock::duration scrape(int port) {
        const auto start = Clock::now();
        EXPECT_THAT(get(port, "/metrics"), StartsWith("HTTP/1.1 200 OK\r\n"));
        return Clock::now() - start;
    }

    Metrics metrics;
};

TEST_F(SlowClientsTest, AScrapeBesideTwentyIdleAndThreePartialClientsIsAnsweredWithinASecond) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));  // the default 5 s deadline
    const auto held = hold(server.port(), 20, 3);
    EXPECT_LT(scrape(server.port()), std::chrono::seconds(1));
}

TEST_F(SlowClientsTest, AScrapeBesideAClientThatDoesNotReadItsReplyIsAnsweredWithinASecond) {
    // A reply far beyond what the socket buffers between them hold.
    metrics.declare("meshprobe_big", MetricType::gauge, "Big.", {"x"});
    metrics.set("meshprobe_big", {{"x", std::string(size_t{16} << 20, 'a')}}, 1);
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"), std::chrono::seconds(30));
    Client reader("127.0.0.1", server.port(), 4096);
    ASSERT_TRUE(reader.connected());
    reader.send("GET /metrics HTTP/1.1\r\n\r\n");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // its worker is stuck writing now
    metrics.clear("meshprobe_big");
    EXPECT_LT(scrape(server.port()), std::chrono::seconds(1));
}

TEST_F(SlowClientsTest, DropsAClientThatTricklesItsRequestAtTheDeadline) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"), std::chrono::milliseconds(300));
    Client trickler("127.0.0.1", server.port());
    ASSERT_TRUE(trickler.connected());
    const std::string request = "GET /metrics HTTP/1.1\r\nX-Padding: " + std::string(200, 'a');
    const auto start = Clock::now();
    bool dropped = false;
    // One byte every 50 ms, each well within a read's time: only a deadline for the whole
    // request ends it.
    for (const char byte : request) {
        if (::send(trickler.fd(), &byte, 1, MSG_NOSIGNAL) != 1 || trickler.closed_by_peer()) {
            dropped = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(dropped) << "the server still read after " << request.size() << " bytes";
    EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1500));
}

TEST_F(SlowClientsTest, AScrapeIsAnsweredWhileAllWorkersButOneAreHeld) {
    MetricsServer server(metrics, parse_listen_address("127.0.0.1:0"));
    const auto held = hold(server.port(), MetricsServerLimits::kWorkers - 1, 0);
    EXPECT_LT(scrape(server.port()), std::chrono::seconds(1));
}

}  // namespace
}  // namespace meshprobe::watch
