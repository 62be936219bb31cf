#include <gtest/gtest.h>

#include "stack_builder.h"

namespace meshprobe::testing {
namespace {

TEST(CoverageRule, ServiceWithoutTierIsReportedAtItsComposeLine) {
    Stack stack;
    stack.tier_with_service("api", 8000);
    StackService& worker = stack.service("worker", {"api_net"});
    SourceLocation where = worker.where;
    auto found = stack.findings("MESH001");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].service, "worker");
    EXPECT_EQ(found[0].where.line, where.line);
    EXPECT_EQ(found[0].severity, Severity::warning);
}

TEST(CoverageRule, ServicesWithATierAreNotReported) {
    Stack stack;
    stack.tier_with_service("api", 8000);
    EXPECT_TRUE(stack.findings("MESH001").empty());
}

}  // namespace
}  // namespace meshprobe::testing
