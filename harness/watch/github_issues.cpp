#include "watch/github_issues.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <regex>

#include <fmt/format.h>

#include "core/errors.h"

namespace meshprobe::watch {
namespace {

// A page of 100 issues with long bodies stays far below this; a cut page would not parse.
constexpr std::size_t kKeptPage = std::size_t{32} * 1024 * 1024;
// GitHub's advice for a secondary rate limit that names no time: wait at least a minute.
constexpr std::chrono::seconds kSecondaryLimitWait{60};

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr ? std::string() : std::string(value);
}

bool plain_name(const std::string& text) {
    return !text.empty() && text != "." && text != ".." &&
           std::all_of(text.begin(), text.end(),
                       [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.'; });
}

std::string header(const HttpReply& reply, const std::string& name) {
    const auto it = reply.headers.find(name);
    return it == reply.headers.end() ? std::string() : it->second;
}

bool digits(const std::string& text) {
    return !text.empty() && text.size() < 16 &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

// The webhook's judgement, and GitHub's rate limits: a 403 or 429 that says the limit is spent
// is retried after Retry-After, else after X-RateLimit-Reset, else after a minute.
Attempt judge_api(const HttpReply& reply) {
    Attempt attempt = judge_reply(reply);
    if (reply.status != 403 && reply.status != 429) return attempt;
    const std::string retry_after = header(reply, "retry-after");
    const std::string remaining = header(reply, "x-ratelimit-remaining");
    const std::string reset = header(reply, "x-ratelimit-reset");
    const bool secondary = reply.response.find("rate limit") != std::string::npos;
    if (reply.status == 403 && retry_after.empty() && remaining != "0" && !secondary) return attempt;  // a permission
    attempt.outcome = Attempt::Outcome::retry;
    if (digits(retry_after)) {
        attempt.wait = std::chrono::seconds(std::stoll(retry_after));
    } else if (remaining == "0" && digits(reset)) {
        const auto now = std::chrono::system_clock::now().time_since_epoch();
        const auto until = std::chrono::seconds(std::stoll(reset)) - std::chrono::duration_cast<std::chrono::seconds>(now);
        attempt.wait = std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(until));
    } else {
        attempt.wait = kSecondaryLimitWait;
    }
    return attempt;
}

Attempt refused(std::string why) { return {Attempt::Outcome::refused, std::move(why), {}}; }

}  // namespace

GithubSettings github_settings(const std::string& owner_repo) {
    GithubSettings settings;
    const size_t slash = owner_repo.find('/');
    if (slash == std::string::npos || !plain_name(owner_repo.substr(0, slash)) || !plain_name(owner_repo.substr(slash + 1)))
        throw InputError(fmt::format("--github-issues '{}': give the repository as OWNER/REPO", owner_repo));
    settings.owner = owner_repo.substr(0, slash);
    settings.repo = owner_repo.substr(slash + 1);
    settings.token = environment("GITHUB_TOKEN");
    if (settings.token.empty())
        throw InputError("--github-issues needs a token in GITHUB_TOKEN (one that may write the repository's issues)");
    if (const std::string api = environment("GITHUB_API_URL"); !api.empty()) settings.api_url = api;
    check_http_url(settings.api_url, "GITHUB_API_URL");
    while (!settings.api_url.empty() && settings.api_url.back() == '/') settings.api_url.pop_back();
    return settings;
}

std::string fingerprint_in_body(const std::string& body) {
    static const std::regex marker("<!-- meshprobe-fingerprint: ([0-9A-Za-z]+) -->");
    std::smatch match;
    return std::regex_search(body, match, marker) ? match[1].str() : std::string();
}

std::string next_link(const std::string& link) {
    // <https://api.github.com/...&page=2>; rel="next", <...>; rel="last"
    static const std::regex next("<([^>]*)>\\s*;\\s*rel=\"?next\"?");
    std::smatch match;
    return std::regex_search(link, match, next) ? match[1].str() : std::string();
}

GithubIssues::GithubIssues(GithubSettings settings, std::chrono::milliseconds request_timeout)
    : settings_(std::move(settings)),
      repo_url_(fmt::format("{}/repos/{}/{}", settings_.api_url, settings_.owner, settings_.repo)),
      timeout_(request_timeout) {}

std::string GithubIssues::issue_url(long number) const { return fmt::format("{}/issues/{}", repo_url_, number); }

std::optional<nlohmann::json> GithubIssues::call(const std::string& method, const std::string& url,
                                                 const nlohmann::json* body, const std::function<bool()>& interrupted,
                                                 Attempt& failed, std::string* next_page) {
    HttpCall request{.method = method,
                     .url = url,
                     .headers = {"Accept: application/vnd.github+json", "X-GitHub-Api-Version: 2022-11-28",
                                 "Authorization: Bearer " + settings_.token},
                     .body = body == nullptr ? std::string() : body->dump(),
                     .kept_response = kKeptPage};
    const HttpReply reply = http_.send(request, timeout_, interrupted);
    last_status_ = reply.status;
    failed = judge_api(reply);
    if (failed.outcome != Attempt::Outcome::delivered) {
        failed.error = fmt::format("GitHub {} {}: {}", method, url.substr(settings_.api_url.size()), failed.error);
        return std::nullopt;
    }
    nlohmann::json answer = nlohmann::json::parse(reply.response, nullptr, false);
    if (answer.is_discarded()) {
        failed = refused(fmt::format("GitHub {} {}: the answer is not JSON", method, url.substr(settings_.api_url.size())));
        return std::nullopt;
    }
    if (next_page != nullptr) *next_page = next_link(header(reply, "link"));
    return answer;
}

// Every issue labelled `meshprobe`, open and closed, page by page as the Link header leads.
bool GithubIssues::list(const std::function<bool()>& interrupted, Attempt& failed) {
    std::map<std::string, Issue> found;
    std::string url = fmt::format("{}/issues?labels={}&state=all&per_page=100", repo_url_, kGithubLabel);
    while (!url.empty()) {
        // The token goes to the API alone, whatever a Link header names.
        if (url.rfind(settings_.api_url + "/", 0) != 0) {
            failed = refused(fmt::format("GitHub's next page '{}' is not under {}", url, settings_.api_url));
            return false;
        }
        std::string next;
        const std::optional<nlohmann::json> page = call("GET", url, nullptr, interrupted, failed, &next);
        if (!page) return false;
        if (!page->is_array()) {
            failed = refused("GitHub's list of issues is not an array");
            return false;
        }
        for (const nlohmann::json& item : *page) {
            if (!item.is_object() || item.contains("pull_request")) continue;  // the list holds pull requests too
            const std::string fingerprint = fingerprint_in_body(item.value("body", nlohmann::json()).is_string()
                                                                    ? item["body"].get<std::string>()
                                                                    : std::string());
            if (fingerprint.empty() || !item.contains("number") || !item["number"].is_number_integer()) continue;
            const Issue issue{item["number"].get<long>(), item.value("state", "") == "open"};
            // Should two carry one fingerprint, the open one (else the oldest) is the violation's.
            auto [it, fresh] = found.emplace(fingerprint, issue);
            if (!fresh && ((issue.open && !it->second.open) ||
                           (issue.open == it->second.open && issue.number < it->second.number)))
                it->second = issue;
        }
        url = next;
    }
    issues_ = std::move(found);
    listed_ = true;
    return true;
}

Attempt GithubIssues::attempt(const std::string& text, const std::function<bool()>& interrupted) {
    const nlohmann::json payload = nlohmann::json::parse(text, nullptr, false);
    if (payload.is_discarded() || !payload.is_object() || !payload.value("fingerprint", nlohmann::json()).is_string())
        return refused("not a violation's payload");
    Attempt failed;
    if (!listed_ && !list(interrupted, failed)) return failed;
    return payload.value("state", "") == "open" ? opened(payload, interrupted) : resolved(payload, interrupted);
}

Attempt GithubIssues::opened(const nlohmann::json& payload, const std::function<bool()>& interrupted) {
    const std::string fingerprint = payload["fingerprint"].get<std::string>();
    Attempt failed;
    const auto known = issues_.find(fingerprint);
    if (known == issues_.end()) {
        const nlohmann::json issue = {{"title", payload.value("title", "")},
                                      {"body", payload.value("body", "")},
                                      {"labels", payload.value("labels", nlohmann::json::array({kGithubLabel}))}};
        const auto created = call("POST", repo_url_ + "/issues", &issue, interrupted, failed);
        if (!created) return failed;
        if (!created->contains("number") || !(*created)["number"].is_number_integer())
            return refused("GitHub created an issue without a number");
        issues_[fingerprint] = Issue{(*created)["number"].get<long>(), true};
        return {};
    }
    if (known->second.open) return {};  // reported before watch restarted: never twice
    const long number = known->second.number;
    const nlohmann::json comment = {{"body", "This violation is back.\n\n" + payload.value("body", "")}};
    if (!call("POST", issue_url(number) + "/comments", &comment, interrupted, failed)) {
        if (!issue_gone()) return failed;
        issues_.erase(known);  // someone deleted it: the violation gets a new one
        return opened(payload, interrupted);
    }
    const nlohmann::json reopen = {{"state", "open"}, {"state_reason", "reopened"}};
    if (!call("PATCH", issue_url(number), &reopen, interrupted, failed)) return failed;
    known->second.open = true;
    return {};
}

Attempt GithubIssues::resolved(const nlohmann::json& payload, const std::function<bool()>& interrupted) {
    const auto known = issues_.find(payload["fingerprint"].get<std::string>());
    if (known == issues_.end() || !known->second.open) return {};  // nothing of it is open
    const long number = known->second.number;
    Attempt failed;
    const nlohmann::json comment = {{"body", payload.value("body", "")}};
    if (!call("POST", issue_url(number) + "/comments", &comment, interrupted, failed)) {
        if (!issue_gone()) return failed;
        issues_.erase(known);  // someone deleted it: nothing is left to close
        return {};
    }
    const nlohmann::json close = {{"state", "closed"}, {"state_reason", "completed"}};
    if (!call("PATCH", issue_url(number), &close, interrupted, failed)) return failed;
    known->second.open = false;
    return {};
}

}  // namespace meshprobe::watch
