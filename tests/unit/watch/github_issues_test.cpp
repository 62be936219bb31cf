#include "watch/github_issues.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"
#include "fake_github.h"
#include "watch/issue_payload.h"
#include "watch/violation_log.h"
#include "watch/webhook.h"

namespace meshprobe::watch {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using meshprobe::testing::FakeGithub;
using meshprobe::testing::FakeIssue;
using namespace std::chrono_literals;

constexpr const char* kToken = "ghp_test_token";

// Back-off short enough that retries cost nothing, whatever the fake asks to wait.
WebhookOptions fast() {
    return {.capacity = 1000, .request_timeout = 10s, .first_backoff = 1ms, .max_backoff = 4ms, .max_requested_wait = 5ms};
}

Violation violation(const std::string& service, const std::string& subject) {
    Violation v;
    v.kind = Kind::publish;
    v.service = service;
    v.subject = subject;
    v.detail = service + " publishes " + subject + " on all addresses";
    return v;
}

nlohmann::json payload(const Violation& v, State state) {
    return issue_payload(LogEntry{"2026-12-07T23:00:00.000Z", v, state, v.fingerprint()});
}

// An issue labelled `meshprobe` already in the repository.
FakeIssue labelled(std::string body, std::string state = "open", bool pull_request = false) {
    FakeIssue issue;
    issue.title = "an issue";
    issue.body = std::move(body);
    issue.state = std::move(state);
    issue.labels = {"meshprobe"};
    issue.pull_request = pull_request;
    return issue;
}

// Until `condition` holds; false when it has not after 20 s.
bool eventually(const std::function<bool()>& condition) {
    const auto until = std::chrono::steady_clock::now() + 20s;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

std::string marker(const Violation& v) { return "<!-- meshprobe-fingerprint: " + v.fingerprint() + " -->"; }

class GithubIssuesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        ::setenv("no_proxy", "127.0.0.1", 1);
        ::setenv("NO_PROXY", "127.0.0.1", 1);
        shared_ = new FakeGithub(kToken, "acme", "shop");
    }
    static void TearDownTestSuite() {
        delete shared_;
        shared_ = nullptr;
    }
    void SetUp() override { github.reset(); }

    GithubSettings settings() const { return {github.api_url(), kToken, "acme", "shop"}; }
    std::unique_ptr<WebhookSender> sender() const {
        return std::make_unique<WebhookSender>(std::make_unique<GithubIssues>(settings()), fast());
    }
    // Delivers what is pending; the deadline only keeps a broken sender from hanging the test.
    static void drain(WebhookSender& s) { s.stop(std::chrono::steady_clock::now() + 20s); }

    static inline FakeGithub* shared_ = nullptr;
    FakeGithub& github = *shared_;
    const Violation db = violation("db", "0.0.0.0:5432/tcp");
    const Violation cache = violation("cache", "0.0.0.0:6379/tcp");
};

TEST_F(GithubIssuesTest, OpensOneIssuePerViolationWithTheLabelsAndTheFingerprintMarker) {
    auto s = sender();
    s->enqueue(payload(db, State::open));
    s->enqueue(payload(cache, State::open));
    drain(*s);
    const auto issues = github.issues();
    ASSERT_THAT(issues, SizeIs(2));
    EXPECT_THAT(issues[0].body, HasSubstr(marker(db)));
    EXPECT_THAT(issues[1].body, HasSubstr(marker(cache)));
    EXPECT_THAT(issues[0].labels, ElementsAre("meshprobe", "publish"));
    EXPECT_THAT(issues[0].title, HasSubstr("db publishes"));
    EXPECT_THAT(github.protocol_errors(), IsEmpty());
    EXPECT_EQ(s->counters().delivered, 2u);
}

TEST_F(GithubIssuesTest, NeverOpensASecondIssueForAViolationStillOpen) {
    auto s = sender();
    s->enqueue(payload(db, State::open));
    s->enqueue(payload(db, State::open));
    drain(*s);
    EXPECT_THAT(github.issues(), SizeIs(1));
    EXPECT_THAT(github.issues()[0].comments, IsEmpty());
}

TEST_F(GithubIssuesTest, FindsItsIssueOnAnyPageOfTheLabelledIssuesInsteadOfOpeningAnother) {
    github.set_page_size(2);
    const long number = github.add(labelled("x\n" + marker(db) + "\n"));
    for (int i = 0; i < 5; ++i) github.add(labelled("someone else's"));
    github.add(labelled(marker(cache), "open", true));
    auto s = sender();
    s->enqueue(payload(db, State::open));
    s->enqueue(payload(db, State::resolved));
    drain(*s);
    ASSERT_THAT(github.issues(), SizeIs(6));
    EXPECT_EQ(github.issues()[0].number, number);
    EXPECT_EQ(github.issues()[0].state, "closed");
    EXPECT_THAT(github.requests(), Contains(HasSubstr("page=4")));
    EXPECT_THAT(github.requests()[0], AllOf(HasSubstr("GET /repos/acme/shop/issues?"), HasSubstr("labels=meshprobe"),
                                            HasSubstr("state=all"), HasSubstr("per_page=100")));
    EXPECT_THAT(github.protocol_errors(), IsEmpty());
}

TEST_F(GithubIssuesTest, ReopensWithACommentWhenAResolvedViolationRecurs) {
    github.add(labelled(marker(db), "closed"));
    auto s = sender();
    s->enqueue(payload(db, State::open));
    drain(*s);
    const auto issues = github.issues();
    ASSERT_THAT(issues, SizeIs(1));
    EXPECT_EQ(issues[0].state, "open");
    EXPECT_EQ(issues[0].state_reason, "reopened");
    ASSERT_THAT(issues[0].comments, SizeIs(1));
    EXPECT_THAT(issues[0].comments[0], HasSubstr("This violation is back."));
    EXPECT_THAT(github.protocol_errors(), IsEmpty());
}

TEST_F(GithubIssuesTest, CommentsAndClosesAsCompletedWhenResolved) {
    auto s = sender();
    s->enqueue(payload(db, State::open));
    s->enqueue(payload(db, State::resolved));
    drain(*s);
    const auto issues = github.issues();
    ASSERT_THAT(issues, SizeIs(1));
    EXPECT_EQ(issues[0].state, "closed");
    EXPECT_EQ(issues[0].state_reason, "completed");
    ASSERT_THAT(issues[0].comments, SizeIs(1));
    EXPECT_THAT(issues[0].comments[0], HasSubstr("Resolved"));
    EXPECT_THAT(github.protocol_errors(), IsEmpty());
}

TEST_F(GithubIssuesTest, OpensANewIssueWhenTheOneOfARecurringViolationWasDeleted) {
    auto s = sender();
    s->enqueue(payload(db, State::open));
    s->enqueue(payload(db, State::resolved));
    ASSERT_TRUE(eventually([&] { return s->counters().delivered == 2; }));
    github.remove(github.issues().at(0).number);
    s->enqueue(payload(db, State::open));
    drain(*s);
    const auto issues = github.issues();
    ASSERT_THAT(issues, SizeIs(1));
    EXPECT_EQ(issues[0].state, "open");
    EXPECT_THAT(issues[0].body, HasSubstr(marker(db)));
    EXPECT_EQ(s->counters().delivered, 3u);
}

TEST_F(GithubIssuesTest, AResolutionWhoseIssueWasDeletedIsDone) {
    auto s = sender();
    s->enqueue(payload(db, State::open));
    ASSERT_TRUE(eventually([&] { return s->counters().delivered == 1; }));
    github.remove(github.issues().at(0).number);
    s->enqueue(payload(db, State::resolved));
    drain(*s);
    EXPECT_THAT(github.issues(), IsEmpty());
    EXPECT_EQ(s->counters().delivered, 2u);
    EXPECT_EQ(s->counters().failed, 0u);
}

TEST_F(GithubIssuesTest, AResolutionWithoutAnIssueChangesNothing) {
    auto s = sender();
    s->enqueue(payload(db, State::resolved));
    drain(*s);
    EXPECT_THAT(github.issues(), IsEmpty());
    EXPECT_EQ(s->counters().delivered, 1u);
}

TEST_F(GithubIssuesTest, RetriesServerErrorsUntilTheIssueIsOpenedOnce) {
    github.fail_next(2, 502);
    auto s = sender();
    s->enqueue(payload(db, State::open));
    drain(*s);
    EXPECT_THAT(github.issues(), SizeIs(1));
    EXPECT_EQ(s->counters().retried, 2u);
    EXPECT_EQ(s->counters().delivered, 1u);
}

TEST_F(GithubIssuesTest, RetriesTooManyRequestsAfterRetryAfter) {
    github.fail_next(1, 429, {{"Retry-After", "1"}});
    auto s = sender();
    s->enqueue(payload(db, State::open));
    drain(*s);
    EXPECT_THAT(github.issues(), SizeIs(1));
    EXPECT_EQ(s->counters().retried, 1u);
}

TEST_F(GithubIssuesTest, RetriesAPrimaryRateLimitUntilItsReset) {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
    github.fail_next(1, 403, {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", std::to_string(now.count() + 1)}});
    auto s = sender();
    s->enqueue(payload(db, State::open));
    drain(*s);
    EXPECT_THAT(github.issues(), SizeIs(1));
    EXPECT_EQ(s->counters().retried, 1u);
    EXPECT_THAT(s->last_error(), HasSubstr("HTTP 403"));
}

TEST_F(GithubIssuesTest, AForbiddenThatIsNoRateLimitIsAFailureNotRetried) {
    github.fail_next(1, 403, {{"X-RateLimit-Remaining", "4999"}});
    auto s = sender();
    s->enqueue(payload(db, State::open));
    drain(*s);
    EXPECT_THAT(github.issues(), IsEmpty());
    EXPECT_EQ(s->counters().failed, 1u);
    EXPECT_EQ(s->counters().retried, 0u);
}

TEST_F(GithubIssuesTest, AWrongTokenIsRefusedByTheApiAndCountedFailed) {
    auto s = std::make_unique<WebhookSender>(
        std::make_unique<GithubIssues>(GithubSettings{github.api_url(), "wrong", "acme", "shop"}), fast());
    s->enqueue(payload(db, State::open));
    drain(*s);
    EXPECT_EQ(s->counters().failed, 1u);
    EXPECT_THAT(s->last_error(), HasSubstr("HTTP 401"));
}

// The log says what is open; the issue it opened is found again, not opened twice, and closed
// when the violation is gone.
TEST_F(GithubIssuesTest, PicksUpAfterARestartFromTheLogWithoutADuplicate) {
    const std::string log = ::testing::TempDir() + "github_issues_restart.jsonl";
    std::filesystem::remove(log);
    {
        ViolationLog first(log, false);
        auto s = sender();
        first.on_entry = [&](const LogEntry& entry) { s->enqueue(issue_payload(entry)); };
        first.update(Source::model, {db});
        drain(*s);
    }
    ASSERT_THAT(github.issues(), SizeIs(1));
    ViolationLog again(log, false);
    auto s = sender();
    for (const LogEntry& entry : again.open_entries()) s->enqueue(issue_payload(entry));
    again.on_entry = [&](const LogEntry& entry) { s->enqueue(issue_payload(entry)); };
    again.update(Source::model, {});
    drain(*s);
    const auto issues = github.issues();
    ASSERT_THAT(issues, SizeIs(1));
    EXPECT_EQ(issues[0].state, "closed");
    EXPECT_THAT(issues[0].comments, SizeIs(1));
    EXPECT_THAT(github.protocol_errors(), IsEmpty());
    std::filesystem::remove(log);
}

class GithubSettingsTest : public ::testing::Test {
protected:
    void SetUp() override {
        ::setenv("GITHUB_TOKEN", kToken, 1);
        ::unsetenv("GITHUB_API_URL");
    }
    void TearDown() override {
        ::unsetenv("GITHUB_TOKEN");
        ::unsetenv("GITHUB_API_URL");
    }
};

TEST_F(GithubSettingsTest, AMissingTokenIsAnInputErrorNamingGithubToken) {
    ::unsetenv("GITHUB_TOKEN");
    try {
        github_settings("acme/shop");
        FAIL() << "no InputError";
    } catch (const InputError& error) {
        EXPECT_THAT(error.what(), HasSubstr("GITHUB_TOKEN"));
    }
}

TEST_F(GithubSettingsTest, TheRepositoryMustBeOwnerSlashRepo) {
    EXPECT_THROW(github_settings("shop"), InputError);
    EXPECT_THROW(github_settings("acme/shop/x"), InputError);
    EXPECT_THROW(github_settings("acme/../x"), InputError);
}

TEST_F(GithubSettingsTest, TheApiIsGithubComUnlessGithubApiUrlNamesAnother) {
    EXPECT_EQ(github_settings("acme/shop").api_url, "https://api.github.com");
    ::setenv("GITHUB_API_URL", "https://ghe.example.test/api/v3/", 1);
    const GithubSettings settings = github_settings("acme/shop");
    EXPECT_EQ(settings.api_url, "https://ghe.example.test/api/v3");
    EXPECT_EQ(settings.owner, "acme");
    EXPECT_EQ(settings.repo, "shop");
    EXPECT_EQ(settings.token, kToken);
}

TEST_F(GithubSettingsTest, AnApiUrlThatIsNoHttpUrlIsAnInputError) {
    ::setenv("GITHUB_API_URL", "ftp://ghe.example.test", 1);
    EXPECT_THROW(github_settings("acme/shop"), InputError);
}

TEST(GithubLinks, TheNextPageIsTakenFromTheLinkHeader) {
    EXPECT_EQ(next_link("<https://api.github.com/x?page=2>; rel=\"next\", <https://api.github.com/x?page=5>; rel=\"last\""),
              "https://api.github.com/x?page=2");
    EXPECT_EQ(next_link("<https://api.github.com/x?page=1>; rel=\"prev\""), "");
}

}  // namespace
}  // namespace meshprobe::watch
