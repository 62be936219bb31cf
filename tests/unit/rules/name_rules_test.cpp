#include <gtest/gtest.h>

#include "stack_builder.h"

namespace meshprobe::testing {
namespace {

Stack data_tier_with_alias() {
    Stack stack;
    stack.tier_with_service("data", 5432, true);
    stack.contract.services[0].aliases = {"db.internal"};
    stack.model.services[0].networks[0].aliases = {"db.internal"};
    return stack;
}

TEST(NameClaimRule, AliasOfAnotherServiceOnTheSameNetworkIsReportedAtTheImpostor) {
    Stack stack = data_tier_with_alias();
    stack.spec("cache", "data", {6379});
    stack.service("cache");
    NetworkAttachment& attachment = stack.attach("cache", "data_net");
    attachment.aliases = {"db.internal"};
    int line = attachment.where.line;
    auto found = stack.findings("MESH007");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].service, "cache");
    EXPECT_EQ(found[0].where.line, line);
}

TEST(NameClaimRule, AliasThatIsAnotherServicesNameIsReported) {
    Stack stack = data_tier_with_alias();
    stack.spec("cache", "data", {6379});
    stack.service("cache");
    stack.attach("cache", "data_net").aliases = {"data-svc"};
    auto found = stack.findings("MESH007");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].service, "cache");
}

TEST(NameClaimRule, AContainerNameThatIsAnotherServicesNameIsReportedAtThatService) {
    Stack stack = data_tier_with_alias();
    stack.spec("cache", "data", {6379});
    StackService& cache = stack.service("cache", {"data_net"});
    cache.container_name = "data-svc";
    const int line = cache.where.line;
    auto found = stack.findings("MESH007");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].service, "cache");
    EXPECT_EQ(found[0].where.line, line);
    EXPECT_NE(found[0].message.find("cache answers to data-svc on data_net, which is data-svc's name"), std::string::npos);
}

TEST(NameClaimRule, SameAliasOnDifferentNetworksIsNotReported) {
    Stack stack = data_tier_with_alias();
    stack.tier_with_service("api", 8000);
    stack.model.services[1].networks[0].aliases = {"db.internal"};
    EXPECT_TRUE(stack.findings("MESH007").empty());
}

TEST(AliasRule, DeclaredAliasMissingFromTheTierAttachmentIsReportedThere) {
    Stack stack = data_tier_with_alias();
    stack.model.services[0].networks[0].aliases.clear();
    auto found = stack.findings("MESH008");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].where.line, stack.model.services[0].networks[0].where.line);
}

TEST(AliasRule, DeclaredAliasOnAServiceOffItsTierNetworkIsReported) {
    Stack stack = data_tier_with_alias();
    stack.model.services[0].networks.clear();
    EXPECT_EQ(stack.findings("MESH008").size(), 1u);
}

TEST(AliasRule, DeclaredAliasPresentIsNotReported) {
    EXPECT_TRUE(data_tier_with_alias().findings("MESH008").empty());
}

}  // namespace
}  // namespace meshprobe::testing
