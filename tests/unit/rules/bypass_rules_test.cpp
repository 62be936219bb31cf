#include <gtest/gtest.h>

#include "stack_builder.h"

namespace meshprobe::testing {
namespace {

TEST(NetworkModeRule, HostServiceAndContainerModesAreReported) {
    for (const char* mode : {"host", "service:api-svc", "container:abc123", "bridge"}) {
        Stack stack;
        stack.tier_with_service("api", 8000);
        stack.spec("sidecar", "api");
        stack.service("sidecar").network_mode = mode;
        auto found = stack.findings("MESH009");
        ASSERT_EQ(found.size(), 1u) << mode;
        EXPECT_EQ(found[0].service, "sidecar") << mode;
    }
}

TEST(NetworkModeRule, NoneAndUnsetAreNotReported) {
    Stack stack;
    stack.tier_with_service("api", 8000);
    stack.service("offline").network_mode = "none";
    EXPECT_TRUE(stack.findings("MESH009").empty());
}

TEST(DockerSocketRule, SocketMountedOutsideTheEdgeTierIsReported) {
    Stack stack;
    stack.tier_with_service("api", 8000);
    stack.model.services[0].volumes = {"/var/run/docker.sock:/var/run/docker.sock:ro"};
    auto found = stack.findings("MESH013");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].service, "api-svc");
}

TEST(DockerSocketRule, SocketMountedIntoAServiceWithoutATierIsReported) {
    Stack stack;
    stack.service("watcher").volumes = {"/run/docker.sock"};
    EXPECT_EQ(stack.findings("MESH013").size(), 1u);
}

TEST(DockerSocketRule, TierNamedEdgeMayMountTheSocket) {
    Stack stack;
    stack.tier_with_service("edge", 80);
    stack.model.services[0].volumes = {"/var/run/docker.sock:/var/run/docker.sock:ro"};
    EXPECT_TRUE(stack.findings("MESH013").empty());
}

TEST(DockerSocketRule, TierWithAPublishingServiceCountsAsEdge) {
    Stack stack;
    stack.tier_with_service("proxy", 80).tier_with_service("api", 8000);
    stack.contract.services[0].publish = {PublishRule{"", 80, "tcp", {}}};
    stack.model.services[0].volumes = {"/var/run/docker.sock:/var/run/docker.sock:ro"};
    EXPECT_TRUE(stack.findings("MESH013").empty());
}

TEST(DockerSocketRule, AStackOfOneTierHasNoEdgeEvenWhereItPublishes) {
    // docker-elk's shape: one network, fleet-server publishes its port and mounts the socket.
    Stack stack;
    stack.tier_with_service("elk", 8220);
    stack.contract.services[0].publish = {PublishRule{"", 8220, "tcp", {}}};
    stack.model.services[0].volumes = {"/var/run/docker.sock:/var/run/docker.sock:ro"};
    auto found = stack.findings("MESH013");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].service, "elk-svc");
}

TEST(DockerSocketRule, OtherVolumesAreNotReported) {
    Stack stack;
    stack.tier_with_service("api", 8000);
    stack.model.services[0].volumes = {"./data:/data", "db-data"};
    EXPECT_TRUE(stack.findings("MESH013").empty());
}

TEST(LinkRule, LinkToAnotherTierWithoutAFlowIsAWarning) {
    Stack stack;
    stack.tier_with_service("api", 8000).tier_with_service("data", 5432, true);
    stack.model.services[0].links = {"data-svc:db"};
    auto found = stack.findings("MESH014");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::warning);
}

TEST(LinkRule, LinkAlongAFlowIsNotReported) {
    Stack stack;
    stack.tier_with_service("api", 8000).tier_with_service("data", 5432, true);
    stack.flow({"api"}, {"data"}, {5432});
    stack.model.services[0].links = {"data-svc"};
    EXPECT_TRUE(stack.findings("MESH014").empty());
}

TEST(LinkRule, LinkWithinATierIsNotReported) {
    Stack stack;
    stack.tier_with_service("api", 8000);
    stack.spec("worker", "api");
    stack.service("worker", {"api_net"}).links = {"api-svc"};
    EXPECT_TRUE(stack.findings("MESH014").empty());
}

}  // namespace
}  // namespace meshprobe::testing
