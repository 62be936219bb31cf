#include <gtest/gtest.h>

#include "core/errors.h"
#include "rules/check_run.h"
#include "stack_builder.h"

namespace meshprobe::testing {
namespace {

// A stack with one error: edge-svc publishes 8443, which the contract does not list.
Stack stack_with_unlisted_port() {
    Stack stack;
    stack.tier_with_service("edge", 80);
    stack.publish("edge-svc", 8443, 443);
    return stack;
}

CheckReport check(const Stack& stack) { return check_contract(stack.contract, {{"base", stack.model, {}}}); }

TEST(Suppressions, UnsuppressedErrorExitsOne) {
    EXPECT_EQ(check(stack_with_unlisted_port()).exit_code(), kExitViolations);
}

TEST(Suppressions, SuppressedFindingCarriesTheReasonAndDoesNotCount) {
    Stack stack = stack_with_unlisted_port();
    stack.contract.suppressions = {Suppression{"MESH006", "edge-svc", "TLS passthrough for the legacy client", {}}};
    CheckReport report = check(stack);
    ASSERT_EQ(report.findings.size(), 1u);
    EXPECT_EQ(report.findings[0].suppressed_because, "TLS passthrough for the legacy client");
    EXPECT_EQ(report.count(Severity::error), 0);
    EXPECT_EQ(report.suppressed(), 1);
    EXPECT_EQ(report.exit_code(), kExitConformant);
}

TEST(Suppressions, SuppressionWithoutServiceCoversTheRuleEverywhere) {
    Stack stack = stack_with_unlisted_port();
    stack.contract.suppressions = {Suppression{"MESH006", "", "reason", {}}};
    EXPECT_EQ(check(stack).exit_code(), kExitConformant);
}

TEST(Suppressions, SuppressionForAnotherServiceDoesNotCoverAndIsReportedUnused) {
    Stack stack = stack_with_unlisted_port();
    SourceLocation where{"mesh.yaml", 40, 5};
    stack.contract.suppressions = {Suppression{"MESH006", "other", "reason", where}};
    CheckReport report = check(stack);
    EXPECT_EQ(report.exit_code(), kExitViolations);
    auto unused = std::find_if(report.findings.begin(), report.findings.end(),
                               [](const Finding& f) { return f.rule == "MESH000"; });
    ASSERT_NE(unused, report.findings.end());
    EXPECT_EQ(unused->where.line, 40);
    EXPECT_EQ(unused->severity, Severity::warning);
}

TEST(Suppressions, SuppressionOfAnUnknownRuleIsReportedUnused) {
    Stack stack;
    stack.tier_with_service("edge", 80);
    stack.contract.suppressions = {Suppression{"MESH099", "", "reason", {}}};
    CheckReport report = check(stack);
    ASSERT_EQ(report.findings.size(), 1u);
    EXPECT_EQ(report.findings[0].rule, "MESH000");
    EXPECT_NE(report.findings[0].message.find("no rule"), std::string::npos);
}

TEST(Suppressions, WarningsAloneExitZero) {
    Stack stack;
    stack.tier_with_service("api", 8000);
    stack.service("worker");  // MESH001, a warning, and on no network
    CheckReport report = check(stack);
    EXPECT_EQ(report.count(Severity::warning), 1);
    EXPECT_EQ(report.exit_code(), kExitConformant);
}

}  // namespace
}  // namespace meshprobe::testing
