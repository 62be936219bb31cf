#include <gtest/gtest.h>

#include "stack_builder.h"

namespace meshprobe::testing {
namespace {

TEST(TierAttachmentRule, ServiceOffItsTierNetworkIsAnError) {
    Stack stack;
    stack.tier_with_service("api", 8000).tier("data", "data_net").network("data_net");
    stack.spec("db", "data", {5432});
    int line = stack.service("db", {"api_net"}).where.line;
    auto found = stack.findings("MESH002");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].service, "db");
    EXPECT_EQ(found[0].where.line, line);
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_NE(found[0].message.find("data_net"), std::string::npos);
}

TEST(TierAttachmentRule, ServiceOnItsTierNetworkIsNotReported) {
    Stack stack;
    stack.tier_with_service("api", 8000);
    EXPECT_TRUE(stack.findings("MESH002").empty());
}

TEST(DefaultNetworkRule, ServiceOnTheImplicitDefaultNetworkIsReportedAtTheAttachment) {
    Stack stack;
    stack.tier_with_service("api", 8000).network("default");
    int line = stack.attach("api-svc", "default").where.line;
    auto found = stack.findings("MESH010");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].where.line, line);
}

TEST(DefaultNetworkRule, DefaultNetworkNamedByATierIsNotReported) {
    Stack stack;
    stack.tier("api", "default").network("default");
    stack.spec("web", "api", {80});
    stack.service("web", {"default"});
    EXPECT_TRUE(stack.findings("MESH010").empty());
}

TEST(UnknownNetworkRule, AttachmentToANetworkNoTierNamesIsAWarning) {
    Stack stack;
    stack.tier_with_service("api", 8000).network("monitoring");
    int line = stack.attach("api-svc", "monitoring").where.line;
    auto found = stack.findings("MESH015");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].where.line, line);
    EXPECT_EQ(found[0].severity, Severity::warning);
}

TEST(UnknownNetworkRule, TierNetworksAreKnown) {
    Stack stack;
    stack.tier_with_service("api", 8000);
    EXPECT_TRUE(stack.findings("MESH015").empty());
}

}  // namespace
}  // namespace meshprobe::testing
