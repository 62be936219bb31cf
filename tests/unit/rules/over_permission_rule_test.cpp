#include <gtest/gtest.h>

#include "stack_builder.h"

namespace meshprobe::testing {
namespace {

// api-svc (8000) and data-svc (5432) on their own networks; tests then add shared networks.
Stack two_tiers() {
    Stack stack;
    stack.tier_with_service("api", 8000).tier_with_service("data", 5432, true);
    return stack;
}

TEST(OverPermissionRule, SharedNetworkWithoutAnyFlowIsAnErrorAtTheOffTierAttachment) {
    Stack stack = two_tiers();
    int line = stack.attach("data-svc", "api_net").where.line;
    auto found = stack.findings("MESH003");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_EQ(found[0].service, "data-svc");
    EXPECT_EQ(found[0].where.line, line);
    EXPECT_NE(found[0].message.find("api-svc -> data-svc:5432"), std::string::npos);
    EXPECT_NE(found[0].message.find("data-svc -> api-svc:8000"), std::string::npos);
}

TEST(OverPermissionRule, ReversePathOfAnAllowedFlowIsANoteUnderReverseAllow) {
    Stack stack = two_tiers();
    stack.flow({"api"}, {"data"}, {5432});
    stack.attach("api-svc", "data_net");
    auto found = stack.findings("MESH003");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::note);
    EXPECT_EQ(found[0].service, "data-svc");
    EXPECT_NE(found[0].message.find("reverse of api-svc -> data-svc:5432"), std::string::npos);
}

TEST(OverPermissionRule, ReversePathIsAnErrorUnderReverseDeny) {
    Stack stack = two_tiers();
    stack.contract.policy.reverse_allow = false;
    stack.flow({"api"}, {"data"}, {5432});
    stack.attach("api-svc", "data_net");
    auto found = stack.findings("MESH003");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_NE(found[0].message.find("reverse: deny"), std::string::npos);
}

TEST(OverPermissionRule, PortsOutsideTheFlowAreOverPermission) {
    Stack stack = two_tiers();
    stack.contract.services[1].ports = {5432, 9187};  // data-svc also serves its metrics port
    stack.flow({"api"}, {"data"}, {5432});
    stack.attach("api-svc", "data_net");
    std::vector<Finding> errors;
    for (const Finding& finding : stack.findings("MESH003")) {
        if (finding.severity == Severity::error) errors.push_back(finding);
    }
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].message.find("api-svc -> data-svc:9187"), std::string::npos);
    EXPECT_EQ(errors[0].message.find("5432"), std::string::npos);
}

TEST(OverPermissionRule, SameTierServicesOnTheirNetworkAreAllowed) {
    Stack stack;
    stack.tier_with_service("api", 8000);
    stack.spec("worker", "api", {9000});
    stack.service("worker", {"api_net"});
    EXPECT_TRUE(stack.findings("MESH003").empty());
}

TEST(OverPermissionRule, SameTierServicesAreOverPermittedUnderSameTierDeny) {
    Stack stack;
    stack.contract.policy.same_tier_allow = false;
    stack.tier_with_service("api", 8000);
    stack.spec("worker", "api", {9000});
    stack.service("worker", {"api_net"});
    EXPECT_FALSE(stack.findings("MESH003").empty());
}

TEST(OverPermissionRule, ServicesOnSeparateNetworksAreNotReported) {
    EXPECT_TRUE(two_tiers().findings("MESH003").empty());
}

}  // namespace
}  // namespace meshprobe::testing
