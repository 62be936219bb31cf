#include "reports/junit.h"

#include <gtest/gtest.h>

#include "sample_report.h"
#include "xml_query.h"

namespace meshprobe {
namespace {

using testing::make_check;
using testing::sample_report;
using testing::xpath;
using namespace std::string_literals;

// 2024-05-01T12:00:00Z
const auto kStarted = std::chrono::system_clock::time_point(std::chrono::seconds(1714564800));

class JunitTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!testing::xmllint_available()) GTEST_SKIP() << "xmllint (libxml2-utils) is not installed";
    }
};

TEST_F(JunitTest, IsWellFormed) {
    EXPECT_TRUE(testing::well_formed(render_junit(sample_report(), kStarted)));
}

TEST_F(JunitTest, RootCountsEveryCheck) {
    const std::string xml = render_junit(sample_report(), kStarted);
    EXPECT_EQ(xpath(xml, "string(/testsuites/@name)"), "meshprobe");
    EXPECT_EQ(xpath(xml, "string(/testsuites/@tests)"), "8");
    EXPECT_EQ(xpath(xml, "string(/testsuites/@failures)"), "1");
    EXPECT_EQ(xpath(xml, "string(/testsuites/@errors)"), "2");
    EXPECT_EQ(xpath(xml, "string(/testsuites/@time)"), "1.840");
}

TEST_F(JunitTest, HasOneSuitePerSuiteWithChecksInSpecOrder) {
    const std::string xml = render_junit(sample_report(), kStarted);
    EXPECT_EQ(xpath(xml, "count(/testsuites/testsuite)"), "4");
    EXPECT_EQ(xpath(xml, "string(/testsuites/testsuite[1]/@name)"), "dns");
    EXPECT_EQ(xpath(xml, "string(/testsuites/testsuite[2]/@name)"), "reach");
    EXPECT_EQ(xpath(xml, "string(/testsuites/testsuite[3]/@name)"), "isolation");
    EXPECT_EQ(xpath(xml, "string(/testsuites/testsuite[4]/@name)"), "egress");
}

TEST_F(JunitTest, SuiteCarriesItsOwnCountsTimeAndTimestamp) {
    const std::string xml = render_junit(sample_report(), kStarted);
    const std::string reach = "/testsuites/testsuite[@name='reach']";
    EXPECT_EQ(xpath(xml, "string(" + reach + "/@tests)"), "5");
    EXPECT_EQ(xpath(xml, "string(" + reach + "/@failures)"), "1");
    EXPECT_EQ(xpath(xml, "string(" + reach + "/@errors)"), "1");
    EXPECT_EQ(xpath(xml, "string(" + reach + "/@skipped)"), "0");
    // Wall time: the five 0.25 s checks ran at once.
    EXPECT_EQ(xpath(xml, "string(" + reach + "/@time)"), "0.250");
    EXPECT_EQ(xpath(xml, "string(" + reach + "/@timestamp)"), "2024-05-01T12:00:00");
    EXPECT_EQ(xpath(xml, "count(" + reach + "/testcase)"), "5");
}

TEST_F(JunitTest, TestcaseIsNamedByCheckIdWithSuiteClassname) {
    const std::string xml = render_junit(sample_report(), kStarted);
    const std::string testcase = "/testsuites/testsuite[@name='dns']/testcase[1]";
    EXPECT_EQ(xpath(xml, "string(" + testcase + "/@classname)"), "meshprobe.dns");
    EXPECT_EQ(xpath(xml, "string(" + testcase + "/@name)"), "dns:backend->db.devonboarder.internal");
    EXPECT_EQ(xpath(xml, "string(" + testcase + "/@time)"), "0.250");
}

TEST_F(JunitTest, FailedCheckHasFailureWithExpectedObservedAndEvidence) {
    const std::string xml = render_junit(sample_report(), kStarted);
    const std::string failure = "//testcase[@name='reach:traefik->frontend:3000']/failure";
    EXPECT_EQ(xpath(xml, "string(" + failure + "/@message)"),
              "expected reachable, observed timeout after 1000 ms");
    EXPECT_EQ(xpath(xml, "string(" + failure + "/@type)"), "fail");
    const std::string body = xpath(xml, "string(" + failure + ")");
    EXPECT_NE(body.find("\"address\": \"172.18.0.4\""), std::string::npos) << body;
    EXPECT_NE(body.find("\"timeout_ms\": 1000"), std::string::npos) << body;
    EXPECT_EQ(xpath(xml, "count(//failure)"), "1");
}

TEST_F(JunitTest, ErroredCheckHasErrorElement) {
    const std::string xml = render_junit(sample_report(), kStarted);
    const std::string error = "//testcase[@name='egress:data->172.17.0.1:9']/error";
    EXPECT_EQ(xpath(xml, "string(" + error + "/@message)"),
              "expected blocked, observed inconclusive: no positive control");
    EXPECT_EQ(xpath(xml, "count(//error)"), "2");
}

TEST_F(JunitTest, PassedCheckWithNoteCarriesItInSystemOut) {
    const std::string xml = render_junit(sample_report(), kStarted);
    EXPECT_EQ(xpath(xml, "string(//testcase[@name='reach:auth-service->backend:8001']/system-out)"),
              "reverse path of backend -> auth-service:8002");
    EXPECT_EQ(xpath(xml, "count(//system-out)"), "1");
}

TEST_F(JunitTest, PassedCheckWithoutNoteIsAnEmptyTestcase) {
    const std::string xml = render_junit(sample_report(), kStarted);
    EXPECT_EQ(xpath(xml, "count(//testcase[@name='reach:traefik->backend:8001']/*)"), "0");
}

TEST_F(JunitTest, MarkupCharactersInIdsAndEvidenceRoundTrip) {
    RunReport report;
    Check check = make_check(Suite::dns, Endpoint::service("a<b>&\"'"), Endpoint::dns_name("x"), Want::nxdomain, "NXDOMAIN", "<answer> & \"quoted\" 'single'",
                             Verdict::fail);
    check.evidence = {{"raw", "]]> <![CDATA[ & </failure>"}};
    report.checks.push_back(check);
    const std::string xml = render_junit(report, kStarted);

    ASSERT_TRUE(testing::well_formed(xml)) << xml;
    EXPECT_EQ(xpath(xml, "string(//testcase/@name)"), "dns:a<b>&\"'->x");
    EXPECT_EQ(xpath(xml, "string(//failure/@message)"),
              "expected NXDOMAIN, observed <answer> & \"quoted\" 'single'");
    EXPECT_NE(xpath(xml, "string(//failure)").find("]]> <![CDATA[ & </failure>"), std::string::npos);
}

TEST_F(JunitTest, ControlCharactersAreStripped) {
    RunReport report;
    Check check = make_check(Suite::reach, Endpoint::service("svc\x01\x1b"), Endpoint::service("db", 5432), Want::blocked, "blocked", "got \x07\x00 bytes",
                             Verdict::error);
    check.observed = "got \x07\x00 bytes"s;
    check.evidence = {{"banner", "\x02hello\x1b[0m"s}};
    report.checks.push_back(check);
    const std::string xml = render_junit(report, kStarted);

    ASSERT_TRUE(testing::well_formed(xml)) << xml;
    EXPECT_EQ(xpath(xml, "string(//testcase/@name)"), "reach:svc->db:5432");
    EXPECT_EQ(xpath(xml, "string(//error/@message)"), "expected blocked, observed got  bytes");
    for (char c : xml) {
        const auto byte = static_cast<unsigned char>(c);
        EXPECT_TRUE(byte >= 0x20 || c == '\n' || c == '\t') << "control byte " << int(byte);
    }
}

TEST_F(JunitTest, InvalidUtf8StaysWellFormed) {
    RunReport report;
    Check check = make_check(Suite::reach, Endpoint::service("a"), Endpoint::service("b", 1), Want::reachable, "reachable", "bytes \xFF\xFE", Verdict::fail);
    check.evidence = {{"raw", "\xC0\xAF"}};
    report.checks.push_back(check);
    EXPECT_TRUE(testing::well_formed(render_junit(report, kStarted)));
}

TEST_F(JunitTest, InfrastructureErrorAddsAnErroredSuite) {
    RunReport report = sample_report();
    report.infra_error = "compose failed to start the stack";
    report.compose_log = "ERROR: for db  Cannot start service db: <port is already allocated>\n";
    const std::string xml = render_junit(report, kStarted);

    ASSERT_TRUE(testing::well_formed(xml)) << xml;
    EXPECT_EQ(xpath(xml, "string(/testsuites/@tests)"), "9");
    EXPECT_EQ(xpath(xml, "string(/testsuites/@errors)"), "3");
    const std::string suite = "/testsuites/testsuite[@name='meshprobe.infrastructure']";
    EXPECT_EQ(xpath(xml, "string(" + suite + "/@errors)"), "1");
    EXPECT_EQ(xpath(xml, "count(" + suite + "/testcase)"), "1");
    EXPECT_EQ(xpath(xml, "string(" + suite + "/testcase/error/@message)"),
              "compose failed to start the stack");
    EXPECT_EQ(xpath(xml, "string(" + suite + "/testcase/error)"), report.compose_log);
}

TEST_F(JunitTest, NoInfrastructureSuiteWithoutInfrastructureError) {
    const std::string xml = render_junit(sample_report(), kStarted);
    EXPECT_EQ(xpath(xml, "count(//testsuite[@name='meshprobe.infrastructure'])"), "0");
}

TEST_F(JunitTest, EmptyReportIsWellFormedWithZeroCounts) {
    const std::string xml = render_junit(RunReport{}, kStarted);
    ASSERT_TRUE(testing::well_formed(xml)) << xml;
    EXPECT_EQ(xpath(xml, "string(/testsuites/@tests)"), "0");
    EXPECT_EQ(xpath(xml, "count(/testsuites/testsuite)"), "0");
}

TEST_F(JunitTest, DefaultTimestampIsTheRunsStart) {
    RunReport report = sample_report();
    report.seconds = 3600;
    const auto timestamp = [](const std::string& xml) {
        return xpath(xml, "string(/testsuites/testsuite[1]/@timestamp)");
    };
    const auto hour_ago = [] { return std::chrono::system_clock::now() - std::chrono::hours(1); };
    const std::string earliest = timestamp(render_junit(report, hour_ago()));
    const std::string stamped = timestamp(render_junit(report));
    const std::string latest = timestamp(render_junit(report, hour_ago()));
    // ISO timestamps order like the times they name.
    EXPECT_LE(earliest, stamped);
    EXPECT_LE(stamped, latest);
}

}  // namespace
}  // namespace meshprobe
