#include <gtest/gtest.h>

#include "stack_builder.h"

namespace meshprobe::testing {
namespace {

Stack edge_stack() {
    Stack stack;
    stack.tier_with_service("edge", 80);
    stack.contract.services[0].publish = {PublishRule{"", 80, "tcp", {}}, PublishRule{"127.0.0.1", 8090, "tcp", {}}};
    return stack;
}

TEST(PublishedPortRule, ListedPortOnAnyAddressIsAllowed) {
    Stack stack = edge_stack();
    stack.publish("edge-svc", 80, 80);
    EXPECT_TRUE(stack.findings("MESH006").empty());
}

// The same decision as the ports suite of `run` (PortsAllowsABindingOnEveryAddress...).
TEST(PublishedPortRule, APortOnAllAddressesIsAllowedWhereTheContractSaysAllAddresses) {
    Stack stack = edge_stack();
    stack.contract.services[0].publish = {PublishRule{"0.0.0.0", 80, "tcp", {}}};
    stack.publish("edge-svc", 80, 80);
    EXPECT_TRUE(stack.findings("MESH006").empty());
}

TEST(PublishedPortRule, LoopbackPortOnLoopbackIsAllowed) {
    Stack stack = edge_stack();
    stack.publish("edge-svc", 8090, 8080, "127.0.0.1");
    EXPECT_TRUE(stack.findings("MESH006").empty());
}

TEST(PublishedPortRule, UnlistedPortIsReportedAtThePortLine) {
    Stack stack = edge_stack();
    int line = stack.publish("edge-svc", 8443, 443).where.line;
    auto found = stack.findings("MESH006");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].where.line, line);
    EXPECT_NE(found[0].message.find("does not list 8443/tcp"), std::string::npos);
}

TEST(PublishedPortRule, LoopbackPortBoundOnAllAddressesIsReported) {
    Stack stack = edge_stack();
    stack.publish("edge-svc", 8090, 8080);
    auto found = stack.findings("MESH006");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].message.find("only on 127.0.0.1"), std::string::npos);
}

TEST(PublishedPortRule, AnyPortFromAnInternalTierIsReportedEvenWhenListed) {
    Stack stack;
    stack.tier_with_service("data", 5432, true);
    stack.contract.services[0].publish = {PublishRule{"", 5432, "tcp", {}}};
    stack.publish("data-svc", 5432, 5432);
    auto found = stack.findings("MESH006");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].message.find("tier data is internal"), std::string::npos);
}

TEST(PublishedPortRule, AnyPortFromAnEgressDeniedTierIsReported) {
    Stack stack;
    stack.tier("jobs", "jobs_net", false, Egress::deny).network("jobs_net");
    stack.spec("runner", "jobs", {9000});
    stack.service("runner", {"jobs_net"});
    stack.publish("runner", 9000, 9000, "127.0.0.1");
    EXPECT_EQ(stack.findings("MESH006").size(), 1u);
}

TEST(PublishedPortRule, RandomHostPortIsNeverListed) {
    Stack stack = edge_stack();
    stack.publish("edge-svc", 0, 80);
    EXPECT_EQ(stack.findings("MESH006").size(), 1u);
}

TEST(PublishedPortRule, UnpublishedContainerPortIsNotReported) {
    Stack stack = edge_stack();
    stack.publish("edge-svc", 0, 9999).published = false;
    EXPECT_TRUE(stack.findings("MESH006").empty());
}

}  // namespace
}  // namespace meshprobe::testing
