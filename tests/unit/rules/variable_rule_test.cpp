#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "stack_builder.h"

namespace meshprobe::testing {
namespace {

using ::testing::HasSubstr;

TEST(UnsetVariableRule, AnUnsetVariableIsAWarningNamingItAtItsLine) {
    Stack stack;
    stack.tier_with_service("web", 80);
    stack.model.unset_variables.push_back({"HTTP_PORT", "web-svc", "ports", {"compose.yaml", 7, 5}});
    auto found = stack.findings("MESH018");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].service, "web-svc");
    EXPECT_EQ(found[0].where.line, 7);
    EXPECT_THAT(found[0].message, HasSubstr("web-svc's ports reads ${HTTP_PORT}"));
    EXPECT_THAT(found[0].fix, HasSubstr("${HTTP_PORT:-value}"));
}

TEST(UnsetVariableRule, OneVariableReadTwiceOnALineIsOneWarning) {
    Stack stack;
    stack.tier_with_service("web", 80);
    for (int i = 0; i < 2; ++i)
        stack.model.unset_variables.push_back({"PORT", "web-svc", "ports", {"compose.yaml", 7, 5}});
    EXPECT_EQ(stack.findings("MESH018").size(), 1u);
}

}  // namespace
}  // namespace meshprobe::testing
