#include <gtest/gtest.h>

#include <algorithm>

#include "suites/suites.h"
#include "tiny_mesh.h"

using namespace meshprobe;

class Planning : public ::testing::Test {
protected:
    Contract contract = meshtest::tiny_contract();
    LiveStack stack = meshtest::tiny_stack();
    Reachability policy{contract, {{"proxy", {80}}, {"backend", {8001}}, {"worker", {9000}}, {"db", {5432}}}};
    SuiteContext context{contract, stack, policy, 40000, {{"198.18.0.2", 18080, {}}}};
    Plan plan;

    const PlannedCheck* find(const std::string& id) const {
        auto it = std::find_if(plan.checks.begin(), plan.checks.end(), [&](const auto& c) { return c.check.id == id; });
        return it == plan.checks.end() ? nullptr : &*it;
    }
};

TEST_F(Planning, ReachPlansEveryServicePairOnEveryDeclaredPort) {
    plan_reach(context, plan);
    EXPECT_EQ(plan.checks.size(), 4u * 3u);
    ASSERT_NE(find("reach:backend->db:5432"), nullptr);
    EXPECT_EQ(find("reach:backend->db:5432")->want, Want::reachable);
    EXPECT_EQ(find("reach:worker->db:5432")->want, Want::blocked);
    EXPECT_EQ(find("reach:db->backend:8001")->want, Want::either);
}

TEST_F(Planning, ReverseDenyTurnsReversePathsIntoBlockedOnes) {
    contract.policy.reverse_allow = false;
    plan_reach(context, plan);
    EXPECT_EQ(find("reach:db->backend:8001")->want, Want::blocked);
}

TEST_F(Planning, IsolationTriesEveryAddressOfATargetOffTheTierNetwork) {
    plan_isolation(context, plan);
    const PlannedCheck* check = find("isolation:edge->db:5432");
    ASSERT_NE(check, nullptr);
    EXPECT_EQ(check->want, Want::blocked);
    EXPECT_EQ(check->tasks.size(), 1u);
    const PlannedCheck* backend = find("isolation:data->backend:8001");
    ASSERT_NE(backend, nullptr);
    EXPECT_EQ(backend->want, Want::either);  // backend -> db opens the data network both ways
    EXPECT_EQ(find("isolation:edge->worker:9000")->want, Want::blocked);  // worker is not on edge_net
}

TEST_F(Planning, EgressDeniedTierChecksEveryGatewayAndTargetFromTierAndServices) {
    plan_egress(context, plan);
    for (const char* id : {"egress:data->gateway:edge_net", "egress:data->gateway:data_net",
                           "egress:data->198.18.0.2:18080", "egress:db->gateway:api_net"}) {
        ASSERT_NE(find(id), nullptr) << id;
        EXPECT_EQ(find(id)->want, Want::blocked) << id;
    }
    EXPECT_EQ(find("egress:edge->198.18.0.2:18080")->want, Want::reachable);
    EXPECT_EQ(find("egress:backend->198.18.0.2:18080"), nullptr);  // api may egress: no per-service checks
}

TEST_F(Planning, PortsAllowsListedBindingsAndFailsOthers) {
    stack.services[3].published = {{5432, "tcp", "0.0.0.0", 5432}};
    plan_ports(context, plan);
    EXPECT_EQ(find("ports:proxy:80")->decided, Verdict::pass);
    EXPECT_EQ(find("ports:db:5432")->decided, Verdict::fail);
}

TEST_F(Planning, PortsRefusesAWildcardBindWhereTheContractSaysLoopback) {
    contract.services[0].publish = {{"127.0.0.1", 80, "tcp", {}}};
    plan_ports(context, plan);
    EXPECT_EQ(find("ports:proxy:80")->decided, Verdict::fail);
}

TEST_F(Planning, DnsExpectsNamesOnlyWhereTheOwnerMayBeReached) {
    plan_dns(context, plan);
    EXPECT_EQ(find("dns:backend->db.tiny.internal")->want, Want::resolves);
    EXPECT_EQ(find("dns:worker->db.tiny.internal")->want, Want::nxdomain);
    EXPECT_EQ(find("dns:proxy->api.tiny.internal")->want, Want::resolves);
}

TEST_F(Planning, SharedTasksAreProbedOnce) {
    plan_reach(context, plan);
    plan_self_controls(context, plan);
    std::size_t before = plan.task_count();
    plan_reach(context, plan);
    EXPECT_EQ(plan.task_count(), before);
}
