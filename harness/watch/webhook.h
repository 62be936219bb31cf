#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include <nlohmann/json.hpp>

#include "watch/http_client.h"

namespace meshprobe::watch {

struct WebhookOptions {
    // Payloads waiting or in flight; when full, the oldest is dropped for the newest.
    std::size_t capacity = 1000;
    // One attempt, from connecting to the end of the response.
    std::chrono::milliseconds request_timeout{5000};
    // The wait after the first failed attempt of a payload, doubled after each further one up to
    // max_backoff. Tests shorten them; nothing else about the sender depends on their size.
    std::chrono::milliseconds first_backoff{500};
    std::chrono::milliseconds max_backoff{30000};
    // The longest wait a receiver's own word (Retry-After, a rate limit's reset) is heeded for:
    // GitHub's rate limits last an hour at most.
    std::chrono::milliseconds max_requested_wait{std::chrono::hours(1)};
};

// Counted since the sender started; each payload enqueued ends as exactly one of delivered,
// failed or dropped (or is still pending).
struct WebhookCounters {
    std::uint64_t delivered = 0;  // answered 2xx
    std::uint64_t failed = 0;     // refused for good: 4xx other than 429, or 3xx (redirects are not followed)
    std::uint64_t retried = 0;    // attempts after the first, over all payloads
    std::uint64_t dropped = 0;    // pushed out by a full queue, enqueued after stop, or left when stop gave up
};

// The wait after `current`: twice as long, but never more than `max`.
std::chrono::milliseconds next_backoff(std::chrono::milliseconds current, std::chrono::milliseconds max);

// What one attempt to hand a payload over came to.
struct Attempt {
    enum class Outcome { delivered, refused, retry, interrupted };
    Outcome outcome = Outcome::delivered;
    std::string error;                  // what went wrong, for last_error(); empty when delivered
    std::chrono::milliseconds wait{0};  // the least the receiver asked to wait before a retry
};

// The webhook's judgement of one reply: 2xx delivered; no reply, a 5xx or a 429 retried (a 429's
// Retry-After heeded); any other status refused.
Attempt judge_reply(const HttpReply& reply);

// How a payload is handed over: the webhook POSTs it to its URL; GitHub issues
// (github_issues.h) turn it into the API's calls. Called from the sender's thread only.
class Delivery {
public:
    virtual ~Delivery() = default;
    // One attempt; asks `interrupted` while it waits on the network.
    virtual Attempt attempt(const std::string& payload, const std::function<bool()>& interrupted) = 0;
    // Makes an attempt under way ask `interrupted` again. Any thread.
    virtual void wake() = 0;
};

// InputError naming `what` when the URL is not http:// or https:// with a host.
void check_http_url(const std::string& url, std::string_view what);

// Delivers JSON payloads in order, from a thread of its own, so that a slow or absent receiver
// never holds up the monitoring that enqueues them. What the Delivery says to retry (for the
// webhook: a transport error, a timeout, a 5xx or a 429) is retried with back-off until the
// payload is delivered, pushed out by newer ones, or stop gives up; what it refuses is counted
// as failed and the next payload goes.
class WebhookSender {
public:
    // POSTs to `url`. Throws InputError when the URL is not http:// or https:// with a host.
    explicit WebhookSender(std::string url, WebhookOptions options = {});
    explicit WebhookSender(std::unique_ptr<Delivery> delivery, WebhookOptions options = {});
    // Gives up at once on what is still pending (stop with a deadline of now).
    ~WebhookSender();
    WebhookSender(const WebhookSender&) = delete;
    WebhookSender& operator=(const WebhookSender&) = delete;

    // Never blocks on the network: queues the payload (dropping the oldest pending one when the
    // queue is full) and returns.
    void enqueue(const nlohmann::json& payload);

    // Delivers what is pending until `deadline`, then abandons the rest (counted as dropped) and
    // returns; returns earlier when nothing is left. A second call returns at once.
    void stop(std::chrono::steady_clock::time_point deadline);

    WebhookCounters counters() const;
    // Payloads waiting or in flight.
    std::size_t pending() const;
    // What went wrong last ("HTTP 400: ..." or curl's message); empty while nothing has.
    std::string last_error() const;

private:
    void run();
    void deliver(std::unique_lock<std::mutex>& lock, const std::string& body);
    bool cut_short() const { return give_up_ || abandoned_; }

    const WebhookOptions options_;
    const std::unique_ptr<Delivery> delivery_;

    mutable std::mutex mutex_;
    std::condition_variable wake_worker_;  // something to send, a stop, or a reason to cut a wait short
    std::condition_variable worker_done_cv_;
    std::deque<std::string> queue_;        // waiting, oldest first; the one in flight is not in it
    bool in_flight_ = false;
    std::atomic<bool> abandoned_ = false;  // the one in flight was pushed out by a newer payload
    std::atomic<bool> give_up_ = false;    // stop's deadline passed
    bool stopping_ = false;
    bool worker_done_ = false;
    WebhookCounters counters_;
    std::string last_error_;

    std::mutex stop_mutex_;  // one stop at a time; the thread is joined once
    std::thread worker_;
};

}  // namespace meshprobe::watch
