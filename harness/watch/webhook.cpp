#include "watch/webhook.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/errors.h"
#include "core/redact.h"

namespace meshprobe::watch {
namespace {

std::string describe(const HttpReply& result) {
    if (!result.error.empty()) return result.error;
    std::string text = fmt::format("HTTP {}", result.status);
    if (result.status >= 300 && result.status < 400) text += " (redirects are not followed)";
    std::string response = result.response;
    std::replace_if(response.begin(), response.end(), [](unsigned char c) { return std::iscntrl(c); }, ' ');
    if (!response.empty()) text += ": " + response;
    return text;
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

// Retry-After in seconds (the HTTP-date form is not heeded: the back-off applies).
std::chrono::milliseconds retry_after(const HttpReply& reply) {
    const auto it = reply.headers.find("retry-after");
    if (it == reply.headers.end() || it->second.empty() ||
        !std::all_of(it->second.begin(), it->second.end(), [](unsigned char c) { return std::isdigit(c); }))
        return std::chrono::milliseconds(0);
    if (it->second.size() > 7) return std::chrono::hours(24);  // longer than any cap
    return std::chrono::seconds(std::stol(it->second));
}

// The webhook: each payload POSTed to one URL.
class PostDelivery : public Delivery {
public:
    explicit PostDelivery(std::string url, std::chrono::milliseconds timeout) : url_(std::move(url)), timeout_(timeout) {
        check_http_url(url_, "webhook URL");
    }
    Attempt attempt(const std::string& payload, const std::function<bool()>& interrupted) override {
        return judge_reply(http_.send({.method = "POST", .url = url_, .headers = {}, .body = payload}, timeout_, interrupted));
    }
    void wake() override { http_.wake(); }

private:
    const std::string url_;
    const std::chrono::milliseconds timeout_;
    HttpClient http_;
};

}  // namespace

Attempt judge_reply(const HttpReply& reply) {
    if (reply.interrupted) return {Attempt::Outcome::interrupted, "", {}};
    if (!reply.error.empty() || reply.status == 0) return {Attempt::Outcome::retry, describe(reply), {}};
    if (reply.status >= 200 && reply.status < 300) return {};
    // 429 asks to come back later and a 5xx is the receiver's trouble; any other answer would
    // be the same on the next attempt.
    if (reply.status == 429 || reply.status >= 500) return {Attempt::Outcome::retry, describe(reply), retry_after(reply)};
    return {Attempt::Outcome::refused, describe(reply), {}};
}

void check_http_url(const std::string& url, std::string_view what) {
    std::string_view rest;
    if (starts_with_nocase(url, "http://")) {
        rest = std::string_view(url).substr(7);
    } else if (starts_with_nocase(url, "https://")) {
        rest = std::string_view(url).substr(8);
    } else {
        throw InputError(fmt::format("{} '{}' must start with http:// or https://", what, redact(url)));
    }
    if (rest.empty() || rest.front() == '/' || rest.front() == '?' || rest.front() == '#')
        throw InputError(fmt::format("{} '{}' names no host", what, redact(url)));
}

std::chrono::milliseconds next_backoff(std::chrono::milliseconds current, std::chrono::milliseconds max) {
    return std::min(current * 2, max);
}

WebhookSender::WebhookSender(std::string url, WebhookOptions options)
    : WebhookSender(std::make_unique<PostDelivery>(std::move(url), options.request_timeout), options) {}

WebhookSender::WebhookSender(std::unique_ptr<Delivery> delivery, WebhookOptions options)
    : options_(options), delivery_(std::move(delivery)) {
    if (options_.capacity == 0) throw InputError("the webhook queue needs room for at least one payload");
    worker_ = std::thread([this] { run(); });
}

WebhookSender::~WebhookSender() { stop(std::chrono::steady_clock::now()); }

void WebhookSender::enqueue(const nlohmann::json& payload) {
    std::string body = payload.dump();  // before the lock: the worker never waits on a dump
    std::lock_guard lock(mutex_);
    if (stopping_) {
        ++counters_.dropped;
        return;
    }
    const bool in_flight_counts = in_flight_ && !abandoned_;
    if (queue_.size() + (in_flight_counts ? 1 : 0) >= options_.capacity) {
        ++counters_.dropped;
        if (in_flight_counts) {
            // The oldest is the one being sent (or waiting to be retried): cut it short.
            abandoned_ = true;
            wake_worker_.notify_all();
            delivery_->wake();
        } else {
            queue_.pop_front();
        }
    }
    queue_.push_back(std::move(body));
    wake_worker_.notify_all();
}

void WebhookSender::run() {
    std::unique_lock lock(mutex_);
    while (true) {
        wake_worker_.wait(lock, [&] { return give_up_ || stopping_ || !queue_.empty(); });
        if (give_up_ || queue_.empty()) break;
        std::string body = std::move(queue_.front());
        queue_.pop_front();
        in_flight_ = true;
        abandoned_ = false;
        deliver(lock, body);
        in_flight_ = false;
    }
    worker_done_ = true;
    worker_done_cv_.notify_all();
}

// Called and returning with `lock` held; it is released while the request is under way.
void WebhookSender::deliver(std::unique_lock<std::mutex>& lock, const std::string& body) {
    std::chrono::milliseconds backoff = options_.first_backoff;
    while (true) {
        lock.unlock();
        const Attempt result = delivery_->attempt(body, [this] { return cut_short(); });
        lock.lock();
        if (abandoned_) return;  // counted as dropped when it was pushed out
        if (give_up_ || result.outcome == Attempt::Outcome::interrupted) {
            ++counters_.dropped;
            return;
        }
        if (result.outcome == Attempt::Outcome::delivered) {
            ++counters_.delivered;
            return;
        }
        last_error_ = result.error;
        if (result.outcome == Attempt::Outcome::refused) {
            ++counters_.failed;
            return;
        }
        // The receiver's own word on how long, within reason; the back-off when it said less.
        const auto wait = std::max(backoff, std::min(result.wait, options_.max_requested_wait));
        // A condition variable, not a sleep: a stop or a newer payload pushing this one out ends it.
        wake_worker_.wait_for(lock, wait, [this] { return cut_short(); });
        if (abandoned_) return;
        if (give_up_) {
            ++counters_.dropped;
            return;
        }
        ++counters_.retried;
        backoff = next_backoff(backoff, options_.max_backoff);
    }
}

void WebhookSender::stop(std::chrono::steady_clock::time_point deadline) {
    std::lock_guard stop_lock(stop_mutex_);
    if (!worker_.joinable()) return;
    {
        std::unique_lock lock(mutex_);
        stopping_ = true;
        wake_worker_.notify_all();
        if (!worker_done_cv_.wait_until(lock, deadline, [this] { return worker_done_; })) {
            give_up_ = true;
            wake_worker_.notify_all();
        }
    }
    delivery_->wake();
    worker_.join();
    std::lock_guard lock(mutex_);
    counters_.dropped += queue_.size();
    queue_.clear();
}

WebhookCounters WebhookSender::counters() const {
    std::lock_guard lock(mutex_);
    return counters_;
}

std::size_t WebhookSender::pending() const {
    std::lock_guard lock(mutex_);
    return queue_.size() + (in_flight_ && !abandoned_ ? 1 : 0);
}

std::string WebhookSender::last_error() const {
    std::lock_guard lock(mutex_);
    return last_error_;
}

}  // namespace meshprobe::watch
