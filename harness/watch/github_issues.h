#pragma once
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "watch/http_client.h"
#include "watch/webhook.h"

namespace meshprobe::watch {

// Where `watch --github-issues OWNER/REPO` opens its issues, and with what.
struct GithubSettings {
    std::string api_url = "https://api.github.com";  // GITHUB_API_URL: GitHub Enterprise's is https://HOST/api/v3
    std::string token;                               // GITHUB_TOKEN
    std::string owner;
    std::string repo;
};

// The settings for `--github-issues OWNER/REPO` from the environment. InputError when the
// repository is not OWNER/REPO, GITHUB_TOKEN is unset or empty, or GITHUB_API_URL is no http(s) URL.
GithubSettings github_settings(const std::string& owner_repo);

// The label every issue of watch carries: issues are found again by it and by the fingerprint
// in their body.
inline constexpr const char* kGithubLabel = "meshprobe";

// Turns the webhook's payloads (issue_payload.h) into issues of one repository, through the
// REST API (version 2022-11-28): an open violation opens an issue, or reopens with a comment the
// one it had (it recurs), or leaves alone the one still open (watch restarted); a resolved one
// comments on its issue and closes it. An issue is found by the fingerprint marker of its body
// among the repository's issues labelled `meshprobe`, listed once (every page) at the first
// payload and then kept up to date by what this delivery does. Runs on WebhookSender's thread,
// so rate limits (403 or 429 with Retry-After or X-RateLimit-Reset) and 5xx are retried as the
// webhook's are; a payload is retried whole, and every step looks first at what is done.
class GithubIssues : public Delivery {
public:
    explicit GithubIssues(GithubSettings settings, std::chrono::milliseconds request_timeout = std::chrono::seconds(10));

    Attempt attempt(const std::string& payload, const std::function<bool()>& interrupted) override;
    void wake() override { http_.wake(); }

private:
    struct Issue {
        long number = 0;
        bool open = true;
    };
    // One call to the API; on anything but 2xx, `failed` says what to do about it.
    std::optional<nlohmann::json> call(const std::string& method, const std::string& url, const nlohmann::json* body,
                                       const std::function<bool()>& interrupted, Attempt& failed,
                                       std::string* next_page = nullptr);
    bool list(const std::function<bool()>& interrupted, Attempt& failed);
    Attempt opened(const nlohmann::json& payload, const std::function<bool()>& interrupted);
    Attempt resolved(const nlohmann::json& payload, const std::function<bool()>& interrupted);
    std::string issue_url(long number) const;
    // The last call's answer was that its issue is gone (deleted, or moved to another repository).
    bool issue_gone() const { return last_status_ == 404 || last_status_ == 410; }

    const GithubSettings settings_;
    const std::string repo_url_;  // {api}/repos/{owner}/{repo}
    const std::chrono::milliseconds timeout_;
    HttpClient http_;
    bool listed_ = false;
    long last_status_ = 0;
    std::map<std::string, Issue> issues_;  // by fingerprint
};

// The fingerprint in an issue body's marker (issue_payload.h), or empty.
std::string fingerprint_in_body(const std::string& body);

// The URL of rel="next" in a Link header, or empty.
std::string next_link(const std::string& link);

}  // namespace meshprobe::watch
