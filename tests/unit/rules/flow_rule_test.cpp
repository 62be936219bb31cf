#include <gtest/gtest.h>

#include "stack_builder.h"

namespace meshprobe::testing {
namespace {

TEST(BrokenFlowRule, FlowBetweenServicesSharingNoNetworkIsReportedAtTheClient) {
    Stack stack;
    stack.tier_with_service("api", 8000).tier_with_service("data", 5432, true);
    stack.flow({"api"}, {"data-svc"}, {5432});
    auto found = stack.findings("MESH004");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].service, "api-svc");
    EXPECT_EQ(found[0].where.file, "compose.yaml");
    EXPECT_EQ(found[0].contract_where.line, stack.contract.flows[0].where.line);
}

TEST(BrokenFlowRule, FlowCarriedBySharedNetworkIsNotReported) {
    Stack stack;
    stack.tier_with_service("api", 8000).tier_with_service("data", 5432, true);
    stack.flow({"api"}, {"data-svc"}, {5432});
    stack.attach("api-svc", "data_net");
    EXPECT_TRUE(stack.findings("MESH004").empty());
}

TEST(BrokenFlowRule, APairNamedByTwoFlowsIsReportedOnce) {
    Stack stack;
    stack.tier_with_service("api", 8000).tier_with_service("data", 5432, true);
    stack.flow({"api"}, {"data"}).flow({"api-svc"}, {"data-svc"}, {5432});
    EXPECT_EQ(stack.findings("MESH004").size(), 1u);
}

}  // namespace
}  // namespace meshprobe::testing
