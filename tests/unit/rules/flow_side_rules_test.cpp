// The static rules read `tier:auth` and `service:auth` as the contract loader does.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "stack_builder.h"

namespace meshprobe::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Tier `auth` (auth_net) holds service `auth` and, unless told otherwise, `auth-worker`; `db`
// is alone in tier `data` (data_net).
Stack auth_and_data(bool with_worker = true) {
    Stack stack;
    stack.tier("auth", "auth_net").network("auth_net");
    stack.spec("auth", "auth", {8002});
    stack.service("auth", {"auth_net"});
    if (with_worker) {
        stack.spec("auth-worker", "auth", {9000});
        stack.service("auth-worker", {"auth_net"});
    }
    stack.tier("data", "data_net", true).network("data_net", true);
    stack.spec("db", "data", {5432});
    stack.service("db", {"data_net"});
    return stack;
}

// The services with an over-permission error (notes for reverse paths left out).
std::vector<std::string> over_permitted(const Stack& stack) {
    std::vector<std::string> out;
    for (const Finding& finding : stack.findings("MESH003")) {
        if (finding.severity == Severity::error) out.push_back(finding.service);
    }
    return out;
}

TEST(FlowSideRules, ServiceSideNeedsOnlyThatServiceOnTheTargetNetwork) {
    Stack stack = auth_and_data();
    stack.flow({"service:auth"}, {"db"}, {5432});
    stack.attach("auth", "data_net");
    EXPECT_THAT(stack.findings("MESH004"), IsEmpty());
}

TEST(FlowSideRules, TierSideNeedsEveryMemberOnTheTargetNetwork) {
    Stack stack = auth_and_data();
    stack.flow({"tier:auth"}, {"db"}, {5432});
    stack.attach("auth", "data_net");
    auto found = stack.findings("MESH004");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].service, "auth-worker");
}

TEST(FlowSideRules, ServiceSideLeavesItsTierMatesPathAnOverPermission) {
    Stack stack = auth_and_data();
    stack.flow({"service:auth"}, {"db"}, {5432});
    stack.attach("auth", "data_net");
    stack.attach("auth-worker", "data_net");
    EXPECT_THAT(over_permitted(stack), ElementsAre("auth-worker"));
}

TEST(FlowSideRules, TierSideAllowsThePathOfEveryMember) {
    Stack stack = auth_and_data();
    stack.flow({"tier:auth"}, {"db"}, {5432});
    stack.attach("auth", "data_net");
    stack.attach("auth-worker", "data_net");
    EXPECT_THAT(over_permitted(stack), IsEmpty());
}

TEST(FlowSideRules, BareNameOfATierHoldingOnlyItsNamesakeIsCarriedAndAllowed) {
    Stack stack = auth_and_data(false);
    stack.flow({"auth"}, {"db"}, {5432});
    stack.attach("auth", "data_net");
    EXPECT_THAT(stack.findings("MESH004"), IsEmpty());
    EXPECT_THAT(over_permitted(stack), IsEmpty());
}

}  // namespace
}  // namespace meshprobe::testing
