#include <gtest/gtest.h>

#include "reports/static/check_junit.h"
#include "rules/rule_catalog.h"
#include "sample_findings.h"

namespace meshprobe::testing {
namespace {

std::string junit() { return render_check_junit(sample_report(), kBaseDir); }

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

TEST(JunitFormat, HasOneSuiteAnEnvironmentAndOneCasePerRuleInEach) {
    std::string xml = junit();
    EXPECT_EQ(occurrences(xml, "<testsuite "), 2u);
    EXPECT_EQ(occurrences(xml, "<testcase "), 2 * all_rules().size());
    const std::string dev_suite =
        "<testsuite name=\"meshprobe.check.dev\" tests=\"" + std::to_string(all_rules().size()) + "\" failures=\"1\"";
    EXPECT_NE(xml.find(dev_suite), std::string::npos) << xml;
}

TEST(JunitFormat, UnsuppressedErrorIsAFailureWithItsLocation) {
    std::string xml = junit();
    EXPECT_EQ(occurrences(xml, "<failure "), 2u);  // MESH006 in dev and in prod
    EXPECT_NE(xml.find("compose.yaml:7: error: db finding of MESH006"), std::string::npos) << xml;
}

TEST(JunitFormat, SuppressedAndWarningFindingsGoToSystemOut) {
    std::string xml = junit();
    EXPECT_NE(xml.find("(suppressed: legacy clients)"), std::string::npos);
    EXPECT_NE(xml.find("100% &lt;odd&gt; &amp;"), std::string::npos) << xml;
}

TEST(JunitFormat, NoteSeenInOneEnvironmentIsOnlyInThatSuite) {
    std::string xml = junit();
    auto prod = xml.find("meshprobe.check.prod\" tests");
    ASSERT_NE(prod, std::string::npos);
    EXPECT_LT(xml.find("db finding of MESH003"), prod);
    EXPECT_EQ(xml.find("db finding of MESH003", prod), std::string::npos);
}

}  // namespace
}  // namespace meshprobe::testing
