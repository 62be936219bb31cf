#include "fake_github.h"

#include <civetweb.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace meshprobe::testing {
namespace {

using nlohmann::json;

std::map<std::string, std::string> query_of(const char* query) {
    std::map<std::string, std::string> out;
    std::string text = query == nullptr ? "" : query;
    size_t start = 0;
    while (start <= text.size() && !text.empty()) {
        const size_t end = std::min(text.find('&', start), text.size());
        const std::string pair = text.substr(start, end - start);
        const size_t eq = pair.find('=');
        out[pair.substr(0, eq)] = eq == std::string::npos ? "" : pair.substr(eq + 1);
        start = end + 1;
    }
    return out;
}

std::string read_body(mg_connection* connection) {
    std::string body;
    char buffer[8192];
    for (int n; (n = mg_read(connection, buffer, sizeof buffer)) > 0;) body.append(buffer, static_cast<size_t>(n));
    return body;
}

void reply(mg_connection* connection, int status, const json& body, const std::map<std::string, std::string>& headers = {}) {
    const std::string text = body.dump();
    std::string head = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json; charset=utf-8\r\n";
    for (const auto& [name, value] : headers) head += name + ": " + value + "\r\n";
    head += "Content-Length: " + std::to_string(text.size()) + "\r\nConnection: close\r\n\r\n";
    mg_write(connection, head.data(), head.size());
    mg_write(connection, text.data(), text.size());
}

json issue_json(const FakeIssue& issue) {
    json labels = json::array();
    for (const std::string& label : issue.labels) labels.push_back({{"name", label}});
    json out = {{"number", issue.number}, {"title", issue.title},  {"body", issue.body},
                {"state", issue.state},   {"labels", labels},      {"comments", issue.comments.size()},
                {"state_reason", issue.state_reason.empty() ? json() : json(issue.state_reason)}};
    if (issue.pull_request) out["pull_request"] = {{"url", "x"}};
    return out;
}

bool strings(const json& value) {
    return value.is_array() && std::all_of(value.begin(), value.end(), [](const json& v) { return v.is_string(); });
}

}  // namespace

FakeGithub::FakeGithub(std::string token, const std::string& owner, const std::string& repo)
    : token_(std::move(token)), prefix_("/repos/" + owner + "/" + repo) {
    mg_init_library(0);
    const char* options[] = {"listening_ports", "127.0.0.1:0", "num_threads", "4", "enable_keep_alive", "no", nullptr};
    context_ = mg_start(nullptr, nullptr, options);
    if (context_ == nullptr) throw std::runtime_error("the fake GitHub cannot listen");
    mg_set_request_handler(context_, "/", handle, this);
    mg_server_port port{};
    if (mg_get_server_ports(context_, 1, &port) != 1) throw std::runtime_error("the fake GitHub has no port");
    port_ = port.port;
}

FakeGithub::~FakeGithub() { mg_stop(context_); }

std::string FakeGithub::api_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

void FakeGithub::set_page_size(int size) {
    std::lock_guard lock(mutex_);
    page_size_ = size;
}

void FakeGithub::reset() {
    std::lock_guard lock(mutex_);
    page_size_ = 100;
    next_number_ = 1;
    issues_.clear();
    fail_count_ = 0;
    fail_headers_.clear();
    requests_.clear();
    protocol_errors_.clear();
}

long FakeGithub::add(FakeIssue issue) {
    std::lock_guard lock(mutex_);
    if (issue.number == 0) issue.number = next_number_;
    next_number_ = std::max(next_number_, issue.number + 1);
    issues_[issue.number] = issue;
    return issue.number;
}

void FakeGithub::remove(long number) {
    std::lock_guard lock(mutex_);
    issues_.erase(number);
}

void FakeGithub::fail_next(int count, int status, std::map<std::string, std::string> headers) {
    std::lock_guard lock(mutex_);
    fail_count_ = count;
    fail_status_ = status;
    fail_headers_ = std::move(headers);
}

std::vector<FakeIssue> FakeGithub::issues() const {
    std::lock_guard lock(mutex_);
    std::vector<FakeIssue> out;
    for (const auto& [number, issue] : issues_)
        if (!issue.pull_request) out.push_back(issue);
    return out;
}

std::vector<std::string> FakeGithub::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

std::vector<std::string> FakeGithub::protocol_errors() const {
    std::lock_guard lock(mutex_);
    return protocol_errors_;
}

int FakeGithub::handle(mg_connection* connection, void* self) { return static_cast<FakeGithub*>(self)->serve(connection); }

int FakeGithub::serve(mg_connection* connection) {
    const mg_request_info* info = mg_get_request_info(connection);
    const std::string method = info->request_method;
    const std::string path = info->local_uri;
    const std::string body_text = read_body(connection);
    auto header = [&](const char* name) {
        const char* value = mg_get_header(connection, name);
        return std::string(value == nullptr ? "" : value);
    };
    std::lock_guard lock(mutex_);
    const std::string line = method + " " + path + (info->query_string ? std::string("?") + info->query_string : "");
    requests_.push_back(line);
    auto refuse = [&](int status, const std::string& why) {
        protocol_errors_.push_back(line + ": " + why);
        reply(connection, status, {{"message", why}});
        return status;
    };
    // The headers GitHub's REST API documents for every request.
    if (header("Authorization") != "Bearer " + token_) return refuse(401, "Authorization is not 'Bearer <token>'");
    if (header("Accept") != "application/vnd.github+json") return refuse(415, "Accept is not application/vnd.github+json");
    if (header("X-GitHub-Api-Version") != "2022-11-28") return refuse(400, "X-GitHub-Api-Version is not 2022-11-28");
    if (header("User-Agent").empty()) return refuse(403, "no User-Agent");
    if (fail_count_ > 0) {
        --fail_count_;
        reply(connection, fail_status_, {{"message", "told to fail"}}, fail_headers_);
        return fail_status_;
    }
    if (path.rfind(prefix_ + "/issues", 0) != 0) return refuse(404, "not this repository's issues");
    const std::string rest = path.substr(prefix_.size() + 7);  // after ".../issues"
    std::optional<json> body;
    if (method == "POST" || method == "PATCH") {
        if (header("Content-Type") != "application/json") return refuse(415, "a body that is not application/json");
        const json parsed = json::parse(body_text, nullptr, false);
        if (parsed.is_discarded() || !parsed.is_object()) return refuse(400, "the body is not a JSON object");
        body = parsed;
    }

    if (method == "GET" && rest.empty()) {
        std::map<std::string, std::string> query = query_of(info->query_string);
        const std::string state = query.count("state") ? query["state"] : "open";
        if (state != "open" && state != "closed" && state != "all") return refuse(422, "state is not open|closed|all");
        const int per_page = query.count("per_page") ? std::atoi(query["per_page"].c_str()) : 30;
        if (per_page < 1 || per_page > 100) return refuse(422, "per_page is not 1..100");
        const int page = query.count("page") ? std::atoi(query["page"].c_str()) : 1;
        std::vector<const FakeIssue*> matching;
        for (auto it = issues_.rbegin(); it != issues_.rend(); ++it) {  // newest first, as GitHub sorts
            const FakeIssue& issue = it->second;
            if (state != "all" && issue.state != state) continue;
            if (query.count("labels") && !query["labels"].empty() &&
                std::find(issue.labels.begin(), issue.labels.end(), query["labels"]) == issue.labels.end())
                continue;
            matching.push_back(&issue);
        }
        const size_t size = static_cast<size_t>(std::min(per_page, page_size_));
        json items = json::array();
        for (size_t i = (page - 1) * size; i < matching.size() && i < page * size; ++i) items.push_back(issue_json(*matching[i]));
        std::map<std::string, std::string> headers;
        if (page * size < matching.size()) {
            query["page"] = std::to_string(page + 1);
            std::string next = api_url() + path + "?";
            for (const auto& [name, value] : query) next += name + "=" + value + "&";
            next.pop_back();
            headers["Link"] = "<" + next + ">; rel=\"next\"";
        }
        reply(connection, 200, items, headers);
        return 200;
    }
    if (method == "POST" && rest.empty()) {
        static const std::set<std::string> known = {"title", "body", "labels", "assignees", "milestone", "assignee", "type"};
        for (const auto& [key, value] : body->items())
            if (!known.count(key)) return refuse(422, "unknown field " + key);
        if (!body->contains("title") || !(*body)["title"].is_string() || (*body)["title"].get<std::string>().empty())
            return refuse(422, "title is required and a string");
        if ((*body)["title"].get<std::string>().size() > 1024) return refuse(422, "title too long");
        if (body->contains("body") && !(*body)["body"].is_string()) return refuse(422, "body is not a string");
        if (body->contains("labels") && !strings((*body)["labels"])) return refuse(422, "labels are not strings");
        FakeIssue issue;
        issue.number = next_number_++;
        issue.title = (*body)["title"];
        issue.body = body->value("body", "");
        if (body->contains("labels")) issue.labels = (*body)["labels"].get<std::vector<std::string>>();
        issues_[issue.number] = issue;
        reply(connection, 201, issue_json(issue));
        return 201;
    }
    // /issues/N or /issues/N/comments
    if (rest.size() < 2 || rest[0] != '/') return refuse(404, "no such route");
    const size_t slash = rest.find('/', 1);
    const std::string number_text = rest.substr(1, slash == std::string::npos ? std::string::npos : slash - 1);
    const std::string tail = slash == std::string::npos ? "" : rest.substr(slash);
    const long number = std::atol(number_text.c_str());
    if (!issues_.count(number) || issues_[number].pull_request) {
        reply(connection, 404, {{"message", "Not Found"}});  // an issue deleted: GitHub's answer, no protocol error
        return 404;
    }
    FakeIssue& issue = issues_[number];
    if (method == "PATCH" && tail.empty()) {
        static const std::set<std::string> known = {"title", "body", "state", "state_reason", "labels", "assignees", "milestone", "assignee", "type"};
        for (const auto& [key, value] : body->items())
            if (!known.count(key)) return refuse(422, "unknown field " + key);
        if (body->contains("state")) {
            const json& state = (*body)["state"];
            if (!state.is_string() || (state != "open" && state != "closed")) return refuse(422, "state is not open|closed");
            issue.state = state;
        }
        if (body->contains("state_reason")) {
            const json& reason = (*body)["state_reason"];
            if (!reason.is_null() && reason != "completed" && reason != "not_planned" && reason != "reopened")
                return refuse(422, "state_reason is not completed|not_planned|reopened|null");
            issue.state_reason = reason.is_null() ? "" : reason.get<std::string>();
        }
        reply(connection, 200, issue_json(issue));
        return 200;
    }
    if (method == "POST" && tail == "/comments") {
        if (body->size() != 1 || !body->contains("body") || !(*body)["body"].is_string())
            return refuse(422, "a comment is {\"body\": string}");
        issue.comments.push_back((*body)["body"]);
        reply(connection, 201, {{"id", issue.comments.size()}, {"body", issue.comments.back()}});
        return 201;
    }
    return refuse(404, "no such route");
}

}  // namespace meshprobe::testing
