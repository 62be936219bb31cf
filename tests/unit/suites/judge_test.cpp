#include <gtest/gtest.h>

#include "suites/suites.h"

using namespace meshprobe;

namespace {

// What a probe answered, written in the order a reader thinks of it and handed over in the
// probe's own type.
struct Answer {
    probe::Status status = probe::Status::error;
    std::vector<std::string> addresses;
    std::string address;
    std::string banner;
    std::string detail;
    double ms = 0;

    operator probe::CheckResult() const {  // NOLINT(google-explicit-constructor): read as a literal
        probe::CheckResult r;
        r.status = status;
        r.addresses = addresses;
        r.address = address;
        if (!banner.empty()) r.banner = banner;
        r.detail = detail;
        r.ms = ms;
        return r;
    }
};

// One vantage "a" that connects to b:80, and (when wanted) a control vantage "b" whose own
// connect proves b:80 alive.
struct Scenario {
    Plan plan;
    Results results;
    TaskRef probe;

    explicit Scenario(Want want, bool with_control, std::string note = {}) {
        std::size_t a = plan.vantage(Vantage::Kind::service, "a", "ca");
        probe = plan.task(a, Task{{}, Task::Kind::tcp, "b", 80, "b", {"svc:b:80"}});
        PlannedCheck check;
        check.check.suite = Suite::reach;
        check.check.from = Endpoint::service("a");
        check.check.to = Endpoint::service("b", 80);
        check.check.want = want;
        check.owner = "b";
        check.note = note;
        check.tasks = {probe};
        check.controls = {"svc:b:80"};
        plan.checks.push_back(check);
        if (with_control) {
            std::size_t b = plan.vantage(Vantage::Kind::service, "b", "cb");
            TaskRef self = plan.task(b, Task{{}, Task::Kind::tcp, "10.0.0.2", 80, "b", {"svc:b:80"}});
            results[b][self.key] = Answer{probe::Status::connected, {}, "10.0.0.2", "meshprobe-standin b\n", {}, 0.4};
        }
    }
    void observe(Answer r) { results[probe.vantage][probe.key] = std::move(r); }
    Check verdict() const { return judge(plan, results).front(); }
};

Answer timeout() { return Answer{probe::Status::timeout, {}, "10.0.0.2", {}, {}, 1000}; }
Answer answered_by_b() { return Answer{probe::Status::connected, {}, "10.0.0.2", "meshprobe-standin b\n", {}, 1.2}; }

}  // namespace

TEST(Judge, BlockedPathWithAControlPasses) {
    Scenario s(Want::blocked, true);
    s.observe(timeout());
    Check c = s.verdict();
    EXPECT_EQ(c.verdict, Verdict::pass);
    EXPECT_TRUE(c.evidence.contains("control"));
}

TEST(Judge, BlockedPathWithoutAControlIsInconclusiveNeverPass) {
    Scenario s(Want::blocked, false);
    s.observe(timeout());
    Check c = s.verdict();
    EXPECT_EQ(c.verdict, Verdict::error);
    EXPECT_NE(c.observed.find("inconclusive"), std::string::npos);
}

TEST(Judge, ForbiddenPathThatConnectsFails) {
    Scenario s(Want::blocked, true);
    s.observe(answered_by_b());
    EXPECT_EQ(s.verdict().verdict, Verdict::fail);
}

TEST(Judge, ReversePathThatConnectsPassesWithANote) {
    Scenario s(Want::either, false, "reverse path of b -> a:90 (reverse: allow)");
    s.observe(answered_by_b());
    Check c = s.verdict();
    EXPECT_EQ(c.verdict, Verdict::pass);
    EXPECT_EQ(c.note, "reverse path of b -> a:90 (reverse: allow)");
}

TEST(Judge, AllowedPathAnsweredByTheOwnerPasses) {
    Scenario s(Want::reachable, false);
    s.observe(answered_by_b());
    EXPECT_EQ(s.verdict().verdict, Verdict::pass);
}

TEST(Judge, AllowedPathAnsweredBySomeoneElseFails) {
    Scenario s(Want::reachable, false);
    s.observe(Answer{probe::Status::connected, {}, "10.0.0.9", "meshprobe-standin impostor\n", {}, 1.0});
    Check c = s.verdict();
    EXPECT_EQ(c.verdict, Verdict::fail);
    EXPECT_NE(c.observed.find("impostor"), std::string::npos);
}

TEST(Judge, AllowedPathThatTimesOutFails) {
    Scenario s(Want::reachable, false);
    s.observe(timeout());
    EXPECT_EQ(s.verdict().verdict, Verdict::fail);
}

TEST(Judge, AllowedPathMustAnswerAtEveryAddressItIsTriedOn) {
    Scenario s(Want::reachable, false);
    s.observe(answered_by_b());
    TaskRef v6 = s.plan.task(s.probe.vantage, Task{{}, Task::Kind::tcp, "fd00:77::2", 80, "b", {"ip:fd00:77::2:80"}});
    s.plan.checks.front().tasks.push_back(v6);
    s.results[v6.vantage][v6.key] = Answer{probe::Status::unreachable, {}, "fd00:77::2", {}, {}, 0.1};
    Check c = s.verdict();
    EXPECT_EQ(c.verdict, Verdict::fail);
    EXPECT_NE(c.observed.find("not at every address"), std::string::npos) << c.observed;
    EXPECT_NE(c.observed.find("fd00:77::2"), std::string::npos) << c.observed;
}

TEST(Judge, WhatTheProbesSawIsRecordedBesideTheVerdict) {
    Scenario through(Want::blocked, true);
    through.observe(answered_by_b());
    EXPECT_EQ(through.verdict().seen, Reach::reachable);
    Scenario silent(Want::blocked, true);
    silent.observe(timeout());
    EXPECT_EQ(silent.verdict().seen, Reach::blocked);
    Scenario broken(Want::blocked, true);
    broken.observe(Answer{probe::Status::error, {}, "10.0.0.2", {}, "socket: out of memory", 0.1});
    EXPECT_EQ(broken.verdict().seen, Reach::unknown);
}

TEST(Judge, MissingAnswerIsAnError) {
    Scenario s(Want::blocked, true);
    EXPECT_EQ(s.verdict().verdict, Verdict::error);
}

namespace {

struct DnsScenario {
    Plan plan;
    Results results;
    TaskRef probe;

    DnsScenario(Want want, bool with_control) {
        std::size_t a = plan.vantage(Vantage::Kind::service, "a", "ca");
        probe = plan.task(a, Task{{}, Task::Kind::dns, "db", 0, "db", {"name:db"}});
        PlannedCheck check;
        check.check.suite = Suite::dns;
        check.check.from = Endpoint::service("a");
        check.check.to = Endpoint::dns_name("db");
        check.check.want = want;
        check.owner = "db";
        check.owner_ips = {"10.0.3.2"};
        check.tasks = {probe};
        check.controls = {"name:db"};
        plan.checks.push_back(check);
        if (with_control) {
            std::size_t b = plan.vantage(Vantage::Kind::service, "b", "cb");
            TaskRef other = plan.task(b, Task{{}, Task::Kind::dns, "db", 0, "db", {"name:db"}});
            results[b][other.key] = Answer{probe::Status::resolved, {"10.0.3.2"}, {}, {}, {}, 1};
        }
    }
    void observe(Answer r) { results[probe.vantage][probe.key] = std::move(r); }
    Check verdict() const { return judge(plan, results).front(); }
};

}  // namespace

TEST(JudgeDns, ForeignAnswerIsSpoofing) {
    DnsScenario s(Want::resolves, false);
    s.observe(Answer{probe::Status::resolved, {"10.0.3.2", "10.0.3.9"}, {}, {}, {}, 1});
    Check c = s.verdict();
    EXPECT_EQ(c.verdict, Verdict::fail);
    EXPECT_NE(c.observed.find("10.0.3.9"), std::string::npos);
}

TEST(JudgeDns, OwnerOnlyAnswerPasses) {
    DnsScenario s(Want::resolves, false);
    s.observe(Answer{probe::Status::resolved, {"10.0.3.2"}, {}, {}, {}, 1});
    EXPECT_EQ(s.verdict().verdict, Verdict::pass);
}

TEST(JudgeDns, NxdomainWithAControlPasses) {
    DnsScenario s(Want::nxdomain, true);
    s.observe(Answer{probe::Status::nxdomain, {}, {}, {}, {}, 1});
    EXPECT_EQ(s.verdict().verdict, Verdict::pass);
}

TEST(JudgeDns, SilenceCountsAsNoSuchNameWhenControlled) {
    DnsScenario s(Want::nxdomain, true);
    s.observe(Answer{probe::Status::timeout, {}, {}, {}, {}, 1000});
    EXPECT_EQ(s.verdict().verdict, Verdict::pass);
}

TEST(JudgeDns, NxdomainWithoutAControlIsInconclusive) {
    DnsScenario s(Want::nxdomain, false);
    s.observe(Answer{probe::Status::nxdomain, {}, {}, {}, {}, 1});
    EXPECT_EQ(s.verdict().verdict, Verdict::error);
}

TEST(JudgeDns, ForbiddenNameThatResolvesFails) {
    DnsScenario s(Want::nxdomain, true);
    s.observe(Answer{probe::Status::resolved, {"10.0.3.2"}, {}, {}, {}, 1});
    EXPECT_EQ(s.verdict().verdict, Verdict::fail);
}

TEST(AnsweredBy, ReadsStandinAndSentinelGreetings) {
    EXPECT_EQ(answered_by("meshprobe-standin backend\n"), "backend");
    EXPECT_EQ(answered_by("meshprobe-sentinel 1234\n"), "sentinel");
    EXPECT_EQ(answered_by("HTTP/1.1 400 Bad Request"), "");
}

// Engine 26 answers SERVFAIL for a name it does not know; c-ares says so as below.
Answer servfail() { return Answer{probe::Status::error, {}, {}, {}, "Could not contact DNS servers", 0.8}; }

TEST(JudgeDns, AServfailFromAResolverThatAnswersOtherNamesMeansNoSuchName) {
    DnsScenario s(Want::nxdomain, true);
    TaskRef own = s.plan.task(0, Task{{}, Task::Kind::dns, "a", 0, "a", {"name:a"}});
    s.results[0][own.key] = Answer{probe::Status::resolved, {"10.0.0.1"}, {}, {}, {}, 0.4};
    s.observe(servfail());
    EXPECT_EQ(s.verdict().verdict, Verdict::pass);
}

TEST(JudgeDns, AServfailFromAResolverThatNeverAnsweredIsAnError) {
    DnsScenario s(Want::nxdomain, true);
    s.observe(servfail());
    EXPECT_EQ(s.verdict().verdict, Verdict::error);
}
