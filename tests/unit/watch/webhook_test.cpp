#include "watch/webhook.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <functional>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"
#include "http_recorder.h"

namespace meshprobe::watch {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using meshprobe::testing::HttpRecorder;
using meshprobe::testing::HttpRequest;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Back-off short enough that retries cost nothing; no test depends on how long a wait is.
WebhookOptions fast(std::size_t capacity = 1000) {
    return {.capacity = capacity, .request_timeout = 10s, .first_backoff = 1ms, .max_backoff = 4ms};
}

// Delivers everything pending; the deadline is only there so a broken sender cannot hang the test.
void drain(WebhookSender& sender) { sender.stop(Clock::now() + 20s); }

nlohmann::json body_of(const HttpRequest& request) { return nlohmann::json::parse(request.body); }

nlohmann::json numbered(int n) { return {{"n", n}}; }

// Until `condition` holds; false when it has not after 20 s.
bool eventually(const std::function<bool()>& condition) {
    const auto until = Clock::now() + 20s;
    while (!condition()) {
        if (Clock::now() > until) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

class WebhookSenderTest : public ::testing::Test {
protected:
    // The requests go to 127.0.0.1, never through a proxy the environment may name.
    static void SetUpTestSuite() {
        ::setenv("no_proxy", "127.0.0.1", 1);
        ::setenv("NO_PROXY", "127.0.0.1", 1);
    }

    HttpRecorder recorder;
    const std::string url = recorder.url("/hooks/meshprobe");
};

TEST_F(WebhookSenderTest, DeliversPayloadsInOrderAsJsonPosts) {
    WebhookSender sender(url, fast());
    for (int n = 1; n <= 5; ++n) sender.enqueue(numbered(n));
    drain(sender);
    const std::vector<HttpRequest> requests = recorder.requests();
    ASSERT_EQ(requests.size(), 5u);
    for (int n = 1; n <= 5; ++n) {
        const HttpRequest& request = requests[n - 1];
        EXPECT_EQ(request.method, "POST");
        EXPECT_EQ(request.target, "/hooks/meshprobe");
        EXPECT_EQ(request.headers.at("content-type"), "application/json");
        EXPECT_EQ(body_of(request), numbered(n));
    }
    const WebhookCounters counters = sender.counters();
    EXPECT_EQ(counters.delivered, 5u);
    EXPECT_EQ(counters.failed + counters.retried + counters.dropped, 0u);
    EXPECT_THAT(sender.last_error(), IsEmpty());
}

TEST_F(WebhookSenderTest, NamesItselfWithItsVersionInTheUserAgent) {
    WebhookSender sender(url, fast());
    sender.enqueue(numbered(1));
    drain(sender);
    ASSERT_EQ(recorder.requests().size(), 1u);
    EXPECT_EQ(recorder.requests()[0].headers.at("user-agent"), "meshprobe/" MESHPROBE_VERSION);
}

TEST_F(WebhookSenderTest, RetriesServerErrorsUntilDelivered) {
    recorder.fail_first(2, 500);
    WebhookSender sender(url, fast());
    sender.enqueue(numbered(1));
    drain(sender);
    const std::vector<HttpRequest> requests = recorder.requests();
    ASSERT_EQ(requests.size(), 3u);
    for (const HttpRequest& request : requests) EXPECT_EQ(body_of(request), numbered(1));
    const WebhookCounters counters = sender.counters();
    EXPECT_EQ(counters.retried, 2u);
    EXPECT_EQ(counters.delivered, 1u);
    EXPECT_EQ(counters.failed, 0u);
    EXPECT_THAT(sender.last_error(), HasSubstr("HTTP 500"));
}

TEST_F(WebhookSenderTest, RetriesTooManyRequests) {
    recorder.fail_first(1, 429);
    WebhookSender sender(url, fast());
    sender.enqueue(numbered(1));
    drain(sender);
    EXPECT_EQ(recorder.requests().size(), 2u);
    EXPECT_EQ(sender.counters().retried, 1u);
    EXPECT_EQ(sender.counters().delivered, 1u);
}

TEST_F(WebhookSenderTest, ClientErrorIsCountedFailedAndNotRetried) {
    recorder.fail_first(1, 400);
    WebhookSender sender(url, fast());
    sender.enqueue(numbered(1));
    sender.enqueue(numbered(2));
    drain(sender);
    const std::vector<HttpRequest> requests = recorder.requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(body_of(requests[0]), numbered(1));
    EXPECT_EQ(body_of(requests[1]), numbered(2));  // the refused one does not hold up the next
    const WebhookCounters counters = sender.counters();
    EXPECT_EQ(counters.failed, 1u);
    EXPECT_EQ(counters.retried, 0u);
    EXPECT_EQ(counters.delivered, 1u);
    EXPECT_THAT(sender.last_error(), HasSubstr("HTTP 400: {\"status\":400}"));
}

TEST_F(WebhookSenderTest, RedirectIsNotFollowedButCountedFailed) {
    recorder.fail_first(1, 302);
    WebhookSender sender(url, fast());
    sender.enqueue(numbered(1));
    drain(sender);
    EXPECT_EQ(recorder.requests().size(), 1u);
    EXPECT_EQ(sender.counters().failed, 1u);
    EXPECT_THAT(sender.last_error(), HasSubstr("redirects are not followed"));
}

TEST_F(WebhookSenderTest, RetriesWhenNothingListensUntilStopGivesUp) {
    // A bound socket that does not listen: connecting to its port is refused, and the port
    // stays this test's while it is open.
    const int reserved = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ASSERT_EQ(::bind(reserved, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(::getsockname(reserved, reinterpret_cast<sockaddr*>(&address), &length), 0);
    {
        WebhookSender sender("http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/", fast());
        sender.enqueue(numbered(1));
        EXPECT_TRUE(eventually([&] { return sender.counters().retried >= 2; }));
        sender.stop(Clock::now());
        const WebhookCounters counters = sender.counters();
        EXPECT_EQ(counters.delivered, 0u);
        EXPECT_EQ(counters.dropped, 1u);
        EXPECT_THAT(sender.last_error(), Not(IsEmpty()));
    }
    ::close(reserved);
}

TEST_F(WebhookSenderTest, FullQueueDropsTheOldestWithoutBlocking) {
    recorder.hang(true);
    WebhookSender sender(url, fast(3));
    for (int n = 1; n <= 10; ++n) sender.enqueue(numbered(n));
    EXPECT_EQ(sender.counters().dropped, 7u);
    EXPECT_EQ(sender.pending(), 3u);

    recorder.hang(false);
    drain(sender);
    const std::vector<HttpRequest> requests = recorder.requests();
    ASSERT_GE(requests.size(), 3u);
    // Earlier ones may have been on the wire when they were pushed out; the last three are the survivors.
    EXPECT_EQ(body_of(requests[requests.size() - 3]), numbered(8));
    EXPECT_EQ(body_of(requests[requests.size() - 2]), numbered(9));
    EXPECT_EQ(body_of(requests[requests.size() - 1]), numbered(10));
    EXPECT_EQ(sender.counters().delivered, 3u);
    EXPECT_EQ(sender.counters().dropped, 7u);
}

TEST_F(WebhookSenderTest, NewerPayloadPushesOutOneWaitingToBeRetried) {
    recorder.answer(500);
    WebhookOptions options = fast(1);
    options.first_backoff = 1h;  // it waits to be retried until pushed out
    WebhookSender sender(url, options);
    sender.enqueue(numbered(1));
    ASSERT_TRUE(recorder.wait_for_requests(1, 20s));
    recorder.answer(200);
    sender.enqueue(numbered(2));
    drain(sender);
    const std::vector<HttpRequest> requests = recorder.requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(body_of(requests[1]), numbered(2));
    EXPECT_EQ(sender.counters().dropped, 1u);
    EXPECT_EQ(sender.counters().delivered, 1u);
    EXPECT_EQ(sender.counters().retried, 0u);
}

TEST_F(WebhookSenderTest, StopReturnsByItsDeadlineWhenTheReceiverHangs) {
    recorder.hang(true);
    WebhookOptions options = fast();
    options.request_timeout = 1h;  // only stop can end the request
    WebhookSender sender(url, options);
    sender.enqueue(numbered(1));
    sender.enqueue(numbered(2));
    ASSERT_TRUE(recorder.wait_for_requests(1, 20s));
    const auto start = Clock::now();
    sender.stop(start + 200ms);
    const auto took = Clock::now() - start;
    EXPECT_GE(took, 200ms);  // it went on trying until the deadline
    EXPECT_LT(took, 2s);     // and not much longer (slack for a loaded machine)
    const WebhookCounters counters = sender.counters();
    EXPECT_EQ(counters.delivered, 0u);
    EXPECT_EQ(counters.dropped, 2u);
    EXPECT_EQ(sender.pending(), 0u);
}

TEST_F(WebhookSenderTest, StopCutsABackOffShort) {
    recorder.answer(503);
    WebhookOptions options = fast();
    options.first_backoff = 1h;
    WebhookSender sender(url, options);
    sender.enqueue(numbered(1));
    ASSERT_TRUE(eventually([&] { return !sender.last_error().empty(); }));  // the first attempt failed
    const auto start = Clock::now();
    sender.stop(start + 100ms);
    EXPECT_LT(Clock::now() - start, 2s);
    EXPECT_EQ(sender.counters().dropped, 1u);
    EXPECT_EQ(sender.counters().retried, 0u);
}

TEST_F(WebhookSenderTest, StopWithNothingPendingReturnsAtOnce) {
    WebhookSender sender(url, fast());
    const auto start = Clock::now();
    sender.stop(start + 1h);
    EXPECT_LT(Clock::now() - start, 2s);
}

TEST_F(WebhookSenderTest, DestructionGivesUpOnAHangingReceiver) {
    recorder.hang(true);
    const auto start = Clock::now();
    {
        WebhookOptions options = fast();
        options.request_timeout = 1h;
        WebhookSender sender(url, options);
        sender.enqueue(numbered(1));
        ASSERT_TRUE(recorder.wait_for_requests(1, 20s));
    }
    EXPECT_LT(Clock::now() - start, 20s);
}

TEST_F(WebhookSenderTest, PayloadEnqueuedAfterStopIsDropped) {
    WebhookSender sender(url, fast());
    drain(sender);
    sender.enqueue(numbered(1));
    EXPECT_EQ(sender.counters().dropped, 1u);
    EXPECT_TRUE(recorder.requests().empty());
}

TEST(WebhookUrl, OtherSchemesAreRefused) {
    EXPECT_THROW(WebhookSender("ftp://example.invalid/hook"), InputError);
    EXPECT_THROW(WebhookSender("file:///etc/passwd"), InputError);
    EXPECT_THROW(WebhookSender("example.invalid/hook"), InputError);
}

TEST(WebhookUrl, UrlWithoutAHostIsRefused) {
    EXPECT_THROW(WebhookSender("http://"), InputError);
    EXPECT_THROW(WebhookSender("https:///hook"), InputError);
}

TEST(WebhookUrl, EmptyQueueIsRefused) {
    EXPECT_THROW(WebhookSender("http://127.0.0.1:1/", {.capacity = 0}), InputError);
}

TEST(WebhookBackoff, DoublesUpToItsCap) {
    std::vector<long> waits;
    std::chrono::milliseconds wait = 500ms;
    for (int i = 0; i < 9; ++i) {
        waits.push_back(static_cast<long>(wait.count()));
        wait = next_backoff(wait, 30s);
    }
    EXPECT_EQ(waits, (std::vector<long>{500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000}));
}

TEST(WebhookBackoff, DefaultsAreHalfASecondToThirtySecondsWithFiveSecondRequests) {
    const WebhookOptions defaults;
    EXPECT_EQ(defaults.first_backoff, 500ms);
    EXPECT_EQ(defaults.max_backoff, 30s);
    EXPECT_EQ(defaults.request_timeout, 5s);
    EXPECT_EQ(defaults.capacity, 1000u);
}

}  // namespace
}  // namespace meshprobe::watch
