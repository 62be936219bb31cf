#include <gtest/gtest.h>

#include "suites/policy.h"
#include "tiny_mesh.h"

using namespace meshprobe;

class ReachabilityTest : public ::testing::Test {
protected:
    Contract contract = meshtest::tiny_contract();
    Reachability policy{contract, {{"proxy", {80}}, {"backend", {8001}}, {"worker", {9000}}, {"db", {5432}}}};
    Party service(const std::string& name) { return Party::of_service(contract, name); }
};

TEST_F(ReachabilityTest, SameTierIsAllowedByDefault) {
    EXPECT_TRUE(policy.may_reach(service("backend"), "worker", 9000));
}

TEST_F(ReachabilityTest, SameTierDenyClosesIt) {
    contract.policy.same_tier_allow = false;
    EXPECT_FALSE(policy.may_reach(service("backend"), "worker", 9000));
}

TEST_F(ReachabilityTest, FlowWithoutPortsOpensEveryDeclaredPortOfTheTarget) {
    EXPECT_TRUE(policy.may_reach(service("proxy"), "backend", 8001));
    EXPECT_FALSE(policy.may_reach(service("proxy"), "backend", 8002));
}

TEST_F(ReachabilityTest, FlowFromAServiceDoesNotOpenItsWholeTier) {
    EXPECT_TRUE(policy.may_reach(service("backend"), "db", 5432));
    EXPECT_FALSE(policy.may_reach(service("worker"), "db", 5432));
    EXPECT_FALSE(policy.may_reach(Party::of_tier("api"), "db", 5432));
}

TEST_F(ReachabilityTest, FlowFromATierOpensItsFreshProbe) {
    EXPECT_TRUE(policy.may_reach(Party::of_tier("edge"), "worker", 9000));
}

TEST_F(ReachabilityTest, CrossTierWithoutAFlowIsDenied) {
    EXPECT_FALSE(policy.may_reach(service("db"), "proxy", 80));
    EXPECT_FALSE(policy.may_reach_any(service("db"), "worker"));
}

TEST_F(ReachabilityTest, ReverseOfAnAllowedFlowIsNamed) {
    EXPECT_EQ(policy.reverse_of(service("db"), "backend"), "backend -> db:5432");
    EXPECT_EQ(policy.reverse_of(Party::of_tier("data"), "backend"), "backend -> db:5432");
    EXPECT_EQ(policy.reverse_of(service("db"), "worker"), "");
}
