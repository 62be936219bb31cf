#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "stack_builder.h"

namespace meshprobe::testing {
namespace {

// api-svc (8000) on api_net and data-svc (5432) on data_net.
Stack api_and_data(bool data_internal) {
    Stack stack;
    stack.tier_with_service("api", 8000).tier_with_service("data", 5432, data_internal);
    return stack;
}

TEST(BrokenFlowRule, FlowBetweenServicesSharingNoNetworkIsReportedAtTheClient) {
    Stack stack = api_and_data(true);
    stack.flow({"api"}, {"data-svc"}, {5432});
    auto found = stack.findings("MESH004");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].service, "api-svc");
    EXPECT_EQ(found[0].where.file, "compose.yaml");
    EXPECT_EQ(found[0].contract_where.line, stack.contract.flows[0].where.line);
}

TEST(BrokenFlowRule, FlowCarriedBySharedNetworkIsNotReported) {
    Stack stack = api_and_data(true);
    stack.flow({"api"}, {"data-svc"}, {5432});
    stack.attach("api-svc", "data_net");
    EXPECT_TRUE(stack.findings("MESH004").empty());
}

TEST(BrokenFlowRule, APairNamedByTwoFlowsIsReportedOnce) {
    Stack stack = api_and_data(true);
    stack.flow({"api"}, {"data"}).flow({"api-svc"}, {"data-svc"}, {5432});
    EXPECT_EQ(stack.findings("MESH004").size(), 1u);
}

TEST(FlowPortRule, AFlowOnAPortTheTargetDoesNotServeIsAWarningAtTheFlow) {
    Stack stack = api_and_data(false);
    stack.attach("api-svc", "data_net");
    stack.flow({"api"}, {"data-svc"}, {5433});
    auto found = stack.findings("MESH017");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].service, "data-svc");
    EXPECT_EQ(found[0].where.file, "mesh.yaml");
    EXPECT_EQ(found[0].where.line, stack.contract.flows[0].where.line);
    EXPECT_THAT(found[0].message, ::testing::HasSubstr("port 5433, which data-svc does not serve (it serves 5432)"));
}

TEST(FlowPortRule, APortServedByOneMemberOfTheTargetTierIsNotReported) {
    Stack stack = api_and_data(false);
    stack.spec("cache", "data", {6379});
    stack.service("cache", {"data_net"});
    stack.flow({"api"}, {"data"}, {6379});
    EXPECT_TRUE(stack.findings("MESH017").empty());
}

TEST(FlowPortRule, ATargetWithNoKnownPortIsNotReported) {
    Stack stack;
    stack.tier_with_service("api", 8000).tier("data", "data_net");
    stack.spec("db", "data");
    stack.service("db", {"data_net"});
    stack.flow({"api"}, {"db"}, {5432});
    EXPECT_TRUE(stack.findings("MESH017").empty());
}

}  // namespace
}  // namespace meshprobe::testing
