// A service and a tier of the same name: `tier:auth` and `service:auth` are different flows.
#include <gtest/gtest.h>

#include "policy/reachability.h"
#include "tiny_mesh.h"

using namespace meshprobe;

class PolicyFlowSides : public ::testing::Test {
protected:
    // Tier `auth` holds service `auth` and `auth-worker`; `db` is in tier `data`.
    PolicyFlowSides() {
        contract.tiers = {{"auth", "auth_net", false, Egress::allow, {}}, {"data", "data_net", false, Egress::allow, {}}};
        contract.services = {meshtest::spec("auth", "auth", {8002}), meshtest::spec("auth-worker", "auth", {9000}),
                             meshtest::spec("db", "data", {5432})};
    }
    Reachability policy_with_flow_from(FlowSide from) {
        contract.flows = {{{std::move(from)}, {FlowSide::service("db")}, {5432}, {}}};
        return Reachability{contract, {{"auth", {8002}}, {"auth-worker", {9000}}, {"db", {5432}}}};
    }
    Party service(const std::string& name) { return Party::of_service(contract, name); }

    Contract contract;
};

TEST_F(PolicyFlowSides, TierSideOpensEveryMemberOfTheTier) {
    Reachability policy = policy_with_flow_from(FlowSide::tier("auth"));
    EXPECT_TRUE(policy.may_reach(service("auth"), "db", 5432));
    EXPECT_TRUE(policy.may_reach(service("auth-worker"), "db", 5432));
    EXPECT_TRUE(policy.may_reach(Party::of_tier("auth"), "db", 5432));
}

TEST_F(PolicyFlowSides, ServiceSideOpensOnlyTheServiceOfThatName) {
    Reachability policy = policy_with_flow_from(FlowSide::service("auth"));
    EXPECT_TRUE(policy.may_reach(service("auth"), "db", 5432));
    EXPECT_FALSE(policy.may_reach(service("auth-worker"), "db", 5432));
    EXPECT_FALSE(policy.may_reach(Party::of_tier("auth"), "db", 5432));
}

TEST_F(PolicyFlowSides, ServiceTargetIsNotItsTier) {
    contract.flows = {{{FlowSide::service("db")}, {FlowSide::service("auth")}, {}, {}}};
    Reachability policy{contract, {{"auth", {8002}}, {"auth-worker", {9000}}, {"db", {5432}}}};
    EXPECT_TRUE(policy.may_reach(service("db"), "auth", 8002));
    EXPECT_FALSE(policy.may_reach(service("db"), "auth-worker", 9000));
}

TEST_F(PolicyFlowSides, ServiceSideGivesTheNamesakeServiceARoleOfItsOwn) {
    Reachability policy = policy_with_flow_from(FlowSide::service("auth"));
    EXPECT_NE(policy.role_of("auth"), policy.role_of("auth-worker"));
}

TEST_F(PolicyFlowSides, TierHoldingOnlyItsNamesakeOpensThatServiceAndItsProbe) {
    // What the loader makes of a bare `auth` when the tier holds the service `auth` alone.
    contract.services.erase(contract.services.begin() + 1);
    Reachability policy = policy_with_flow_from(FlowSide::tier("auth"));
    EXPECT_TRUE(policy.may_reach(service("auth"), "db", 5432));
    EXPECT_TRUE(policy.may_reach(Party::of_tier("auth"), "db", 5432));
}
