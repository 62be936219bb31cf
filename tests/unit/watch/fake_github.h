#pragma once
#include <map>
#include <mutex>
#include <string>
#include <vector>

struct mg_context;
struct mg_connection;

namespace meshprobe::testing {

struct FakeIssue {
    long number = 0;
    std::string title;
    std::string body;
    std::string state = "open";
    std::string state_reason;  // empty: null
    std::vector<std::string> labels;
    std::vector<std::string> comments;
    bool pull_request = false;  // the issues list holds pull requests too
};

// GitHub's REST API for one repository's issues (version 2022-11-28), on 127.0.0.1 at a free
// port, keeping the issues in memory: list (labels, state, per_page, page; Link header), create,
// update, comment. Each request is checked as GitHub documents it (headers, method, path, JSON
// body fields and their types); what breaks the documentation is answered as GitHub would
// (401, 404, 422) and listed in protocol_errors().
class FakeGithub {
public:
    FakeGithub(std::string token, const std::string& owner, const std::string& repo);
    ~FakeGithub();
    FakeGithub(const FakeGithub&) = delete;
    FakeGithub& operator=(const FakeGithub&) = delete;

    // What GITHUB_API_URL names: "http://127.0.0.1:PORT".
    std::string api_url() const;
    // At most this many issues to a page, fewer than asked, so that paging is exercised (GitHub
    // may serve fewer than per_page too).
    void set_page_size(int size);
    // As new: no issues, requests, failures or errors; pages of 100. Stopping civetweb takes its
    // 2 s poll, so a suite keeps one fake and resets it for each test.
    void reset();
    // An issue there before watch; its number is given when 0.
    long add(FakeIssue issue);
    // As an issue deleted on GitHub: its number answers 404 from now on.
    void remove(long number);
    // The next `count` requests are answered `status` with `headers`, and change nothing.
    void fail_next(int count, int status, std::map<std::string, std::string> headers = {});

    std::vector<FakeIssue> issues() const;
    std::vector<std::string> requests() const;  // "METHOD /path?query", in order
    std::vector<std::string> protocol_errors() const;

private:
    static int handle(mg_connection* connection, void* self);
    int serve(mg_connection* connection);

    const std::string token_;
    const std::string prefix_;  // /repos/OWNER/REPO
    mg_context* context_ = nullptr;
    int port_ = 0;
    mutable std::mutex mutex_;
    int page_size_ = 100;
    long next_number_ = 1;
    std::map<long, FakeIssue> issues_;
    int fail_count_ = 0;
    int fail_status_ = 500;
    std::map<std::string, std::string> fail_headers_;
    std::vector<std::string> requests_;
    std::vector<std::string> protocol_errors_;
};

}  // namespace meshprobe::testing
