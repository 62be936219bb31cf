#include <gtest/gtest.h>

#include "policy/reachability.h"
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

TEST_F(ReachabilityTest, ServicesOfATierNoFlowNamesShareARoleWhateverTheirPorts) {
    contract.services.push_back(meshtest::spec("cron", "api", {9100}));
    Reachability with_cron{contract, {{"worker", {9000}}, {"cron", {9100}}}};
    EXPECT_EQ(with_cron.role_of("worker"), with_cron.role_of("cron"));
}

TEST_F(ReachabilityTest, AServiceAFlowNamesHasARoleOfItsOwn) {
    EXPECT_NE(policy.role_of("backend"), policy.role_of("worker"));
}

TEST_F(ReachabilityTest, APortAFlowNamesSetsAServiceApart) {
    // api -> data opens 5432 only: of two data services no flow names, the one serving 5432 is reachable.
    contract.flows.push_back({{FlowSide::tier("api")}, {FlowSide::tier("data")}, {5432}, {}});
    contract.services.push_back(meshtest::spec("primary", "data", {5432}));
    contract.services.push_back(meshtest::spec("cache", "data", {6379}));
    Reachability with_both{contract, {{"primary", {5432}}, {"cache", {6379}}}};
    EXPECT_NE(with_both.role_of("primary"), with_both.role_of("cache"));
}
