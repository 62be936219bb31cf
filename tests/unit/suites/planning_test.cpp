#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "suites/suites.h"
#include "tiny_mesh.h"

using namespace meshprobe;
using ::testing::HasSubstr;

class Planning : public ::testing::Test {
protected:
    Contract contract = meshtest::tiny_contract();
    LiveStack stack = meshtest::tiny_stack();
    Reachability policy{contract, {{"proxy", {80}}, {"backend", {8001}}, {"worker", {9000}}, {"db", {5432}}}};
    StackModel model;
    Prediction prediction{model};
    SuiteContext context{contract, stack, policy, 40000, {{"198.18.0.2", 18080, {}}}, {}, prediction, {}};
    Plan plan;

    const PlannedCheck* find(const std::string& id) const {
        auto it = std::find_if(plan.checks.begin(), plan.checks.end(), [&](const auto& c) { return c.check.id() == id; });
        return it == plan.checks.end() ? nullptr : &*it;
    }
};

TEST_F(Planning, ReachPlansEveryServicePairOnEveryDeclaredPort) {
    plan_reach(context, plan);
    EXPECT_EQ(plan.checks.size(), 4u * 3u);
    ASSERT_NE(find("reach:backend->db:5432"), nullptr);
    EXPECT_EQ(find("reach:backend->db:5432")->check.want, Want::reachable);
    EXPECT_EQ(find("reach:worker->db:5432")->check.want, Want::blocked);
    EXPECT_EQ(find("reach:db->backend:8001")->check.want, Want::either);
}

TEST_F(Planning, ReverseDenyTurnsReversePathsIntoBlockedOnes) {
    contract.policy.reverse_allow = false;
    plan_reach(context, plan);
    EXPECT_EQ(find("reach:db->backend:8001")->check.want, Want::blocked);
}

TEST_F(Planning, IsolationTriesEveryAddressOfATargetOffTheTierNetwork) {
    plan_isolation(context, plan);
    const PlannedCheck* check = find("isolation:edge->db:5432");
    ASSERT_NE(check, nullptr);
    EXPECT_EQ(check->check.want, Want::blocked);
    EXPECT_EQ(check->tasks.size(), 1u);
    const PlannedCheck* backend = find("isolation:data->backend:8001");
    ASSERT_NE(backend, nullptr);
    EXPECT_EQ(backend->check.want, Want::either);  // backend -> db opens the data network both ways
    EXPECT_EQ(find("isolation:edge->worker:9000")->check.want, Want::blocked);  // worker is not on edge_net
}

TEST_F(Planning, EgressDeniedTierChecksEveryGatewayAndTargetFromTierAndServices) {
    plan_egress(context, plan);
    for (const char* id : {"egress:data->gateway:edge_net", "egress:data->gateway:data_net",
                           "egress:data->198.18.0.2:18080", "egress:db->gateway:api_net"}) {
        ASSERT_NE(find(id), nullptr) << id;
        EXPECT_EQ(find(id)->check.want, Want::blocked) << id;
    }
    EXPECT_EQ(find("egress:edge->198.18.0.2:18080")->check.want, Want::reachable);
    EXPECT_EQ(find("egress:backend->198.18.0.2:18080"), nullptr);  // api may egress: no per-service checks
}

TEST_F(Planning, TheOwnOutsideHostIsTriedFromEveryDeniedVantageWithTheAllowedTiersAsControls) {
    context.egress_targets.clear();
    context.outside.target = EgressTarget{"198.18.9.2", 40001, {}};
    plan_egress(context, plan);
    for (const char* id : {"egress:data->outside", "egress:db->outside"}) {
        ASSERT_NE(find(id), nullptr) << id;
        EXPECT_EQ(find(id)->check.want, Want::blocked) << id;
        EXPECT_EQ(find(id)->controls, std::vector<std::string>{"egress:outside"}) << id;
    }
    ASSERT_NE(find("egress:edge->outside"), nullptr);
    EXPECT_EQ(find("egress:edge->outside")->check.want, Want::reachable);
}

TEST_F(Planning, WithoutAnOutsideHostTheChecksToTheOutsideAreErrorsNotPasses) {
    context.egress_targets.clear();
    context.outside.unproven = "the egress suite's outside host needs root";
    plan_egress(context, plan);
    for (const char* id : {"egress:data->outside", "egress:db->outside", "egress:edge->outside"}) {
        const PlannedCheck* check = find(id);
        ASSERT_NE(check, nullptr) << id;
        EXPECT_EQ(check->check.want, Want::verdict) << id;
        EXPECT_EQ(check->decided, Verdict::error) << id;
        EXPECT_THAT(check->check.observed, HasSubstr("not proven: the egress suite's outside host needs root")) << id;
        EXPECT_TRUE(check->tasks.empty()) << id;
    }
}

TEST_F(Planning, PortsAllowsListedBindingsAndFailsOthers) {
    stack.services[3].published = {PortMapping::bound(5432, "tcp", "0.0.0.0", 5432)};
    plan_ports(context, plan);
    EXPECT_EQ(find("ports:proxy:80")->decided, Verdict::pass);
    EXPECT_EQ(find("ports:db:5432")->decided, Verdict::fail);
}

TEST_F(Planning, PortsRefusesAWildcardBindWhereTheContractSaysLoopback) {
    contract.services[0].publish = {{"127.0.0.1", 80, "tcp", {}}};
    plan_ports(context, plan);
    EXPECT_EQ(find("ports:proxy:80")->decided, Verdict::fail);
}

// `check` passes compose's `80:80` against `publish: ["0.0.0.0:80"]`; the engine binds it on
// 0.0.0.0 and on ::, and `run` passes that too.
TEST_F(Planning, PortsAllowsABindingOnEveryAddressWhereTheContractSaysAllAddresses) {
    contract.services[0].publish = {{"0.0.0.0", 80, "tcp", {}}};
    plan_ports(context, plan);
    EXPECT_EQ(find("ports:proxy:80")->decided, Verdict::pass) << find("ports:proxy:80")->check.observed;
}

TEST_F(Planning, DnsExpectsNamesOnlyWhereTheOwnerMayBeReached) {
    plan_dns(context, plan);
    EXPECT_EQ(find("dns:backend->db.tiny.internal")->check.want, Want::resolves);
    EXPECT_EQ(find("dns:worker->db.tiny.internal")->check.want, Want::nxdomain);
    EXPECT_EQ(find("dns:proxy->api.tiny.internal")->check.want, Want::resolves);
}

TEST_F(Planning, SharedTasksAreProbedOnce) {
    plan_reach(context, plan);
    plan_self_controls(context, plan);
    std::size_t before = plan.task_count();
    plan_reach(context, plan);
    EXPECT_EQ(plan.task_count(), before);
}

class StackPlanning : public Planning {
protected:
    void SetUp() override {
        for (const LiveService& s : stack.services) {
            stack.containers.push_back({s.name, s.container_id, s.container_name, "running", "", s.network_mode, 1});
        }
        for (const char* name : {"proxy", "backend", "worker", "db"}) context.expected.push_back({name, 1, "", true, "", ""});
    }
    void container_state(const std::string& service, const std::string& state, const std::string& health = "") {
        for (LiveContainer& c : stack.containers) {
            if (c.service == service) {
                c.state = state;
                c.health = health;
            }
        }
    }
    Verdict decided(const std::string& service) {
        plan.checks.clear();
        plan_stack(context, plan);
        const PlannedCheck* check = find("stack:" + service);
        EXPECT_NE(check, nullptr) << service;
        return check ? check->decided : Verdict::error;
    }
};

TEST_F(StackPlanning, EveryRunningServicePasses) {
    plan_stack(context, plan);
    EXPECT_EQ(plan.checks.size(), 4u);
    for (const PlannedCheck& check : plan.checks) EXPECT_EQ(check.decided, Verdict::pass) << check.check.id();
}

TEST_F(StackPlanning, AnUndeclaredContainerOnTwoTierNetworksFailsAsABridge) {
    stack.undeclared.push_back({"bridge", "0123456789abcdef", "bridge", "tiny_edge_net",
                                {{"edge_net", "10.0.1.9", ""}, {"data_net", "10.0.3.9", ""}}, {}});
    EXPECT_EQ(decided("undeclared:bridge"), Verdict::fail);
    const PlannedCheck* check = find("stack:undeclared:bridge");
    ASSERT_NE(check, nullptr);
    EXPECT_THAT(check->check.observed, HasSubstr("tier edge (edge_net) and tier data (data_net)"));
    EXPECT_THAT(check->check.observed, HasSubstr("a bridge between them"));
    EXPECT_EQ(check->check.evidence["container"]["id"], "0123456789ab");
}

TEST_F(StackPlanning, AMissingServiceFails) {
    std::erase_if(stack.containers, [](const LiveContainer& c) { return c.service == "db"; });
    EXPECT_EQ(decided("db"), Verdict::fail);
    EXPECT_NE(find("stack:db")->check.observed.find("no container of db"), std::string::npos);
}

TEST_F(StackPlanning, AStoppedServiceFails) {
    container_state("worker", "exited");
    EXPECT_EQ(decided("worker"), Verdict::fail);
    EXPECT_NE(find("stack:worker")->check.observed.find("tiny_worker_1 is exited"), std::string::npos);
}

TEST_F(StackPlanning, ARestartingServiceFails) {
    container_state("worker", "restarting");
    EXPECT_EQ(decided("worker"), Verdict::fail);
}

TEST_F(StackPlanning, AnUnhealthyServiceFails) {
    container_state("backend", "running", "unhealthy");
    EXPECT_EQ(decided("backend"), Verdict::fail);
    EXPECT_NE(find("stack:backend")->check.observed.find("unhealthy"), std::string::npos);
}

// The same meaning as watch's service_up (core/readiness.h): a health check still starting is not ready.
TEST_F(StackPlanning, AServiceWhoseHealthCheckIsStillStartingFails) {
    container_state("backend", "running", "starting");
    EXPECT_EQ(decided("backend"), Verdict::fail);
    EXPECT_THAT(find("stack:backend")->check.observed, HasSubstr("health check still starting"));
}

TEST_F(StackPlanning, AHealthyServicePassesAndSaysSo) {
    container_state("backend", "running", "healthy");
    EXPECT_EQ(decided("backend"), Verdict::pass);
    EXPECT_EQ(find("stack:backend")->check.observed, "running, healthy");
}

TEST_F(StackPlanning, FewerReplicasThanComposeAsksForFail) {
    context.expected[1].replicas = 2;
    EXPECT_EQ(decided("backend"), Verdict::fail);
    EXPECT_NE(find("stack:backend")->check.observed.find("1 of 2 ready"), std::string::npos);
}

TEST_F(StackPlanning, AContractServiceComposeDoesNotDefineFails) {
    contract.services.push_back(meshtest::spec("ghost", "api", {1}));
    EXPECT_EQ(decided("ghost"), Verdict::fail);
}

TEST_F(StackPlanning, AServiceOfAnInactiveProfilePassesWithoutAContainer) {
    context.expected.push_back({"debugger", 0, "", true, "debug", ""});
    EXPECT_EQ(decided("debugger"), Verdict::pass);
    EXPECT_NE(find("stack:debugger")->check.expected.find("profile debug"), std::string::npos);
}

TEST_F(StackPlanning, AServiceOnlyAnotherEnvironmentDefinesPassesWithoutAContainer) {
    contract.services.push_back(meshtest::spec("debugger", "api", {1}));
    context.expected.push_back({"debugger", 0, "", true, "", "dev"});
    EXPECT_EQ(decided("debugger"), Verdict::pass);
    EXPECT_NE(find("stack:debugger")->check.expected.find("environment dev"), std::string::npos);
}

TEST_F(StackPlanning, AContainerOfAServiceOnlyAnotherEnvironmentDefinesFails) {
    context.expected.push_back({"debugger", 0, "", true, "", "dev"});
    stack.containers.push_back({"debugger", "c-debugger", "tiny_debugger_1", "running", "", "", 1});
    EXPECT_EQ(decided("debugger"), Verdict::fail);
}

TEST_F(StackPlanning, ASidecarSaysWhoseNamespaceProvesIt) {
    context.expected.push_back({"metrics", 1, "service:backend", true, "", ""});
    stack.containers.push_back({"metrics", "c-metrics", "tiny_metrics_1", "running", "", "container:c-backend", 1});
    EXPECT_EQ(decided("metrics"), Verdict::pass);
    EXPECT_NE(find("stack:metrics")->check.note.find("shares the network namespace of backend"), std::string::npos);
}

TEST_F(StackPlanning, HostNetworkingFailsBecauseNoTierCanHold) {
    context.expected.push_back({"agent", 1, "host", true, "", ""});
    stack.containers.push_back({"agent", "c-agent", "tiny_agent_1", "running", "", "host", 1});
    EXPECT_EQ(decided("agent"), Verdict::fail);
}

TEST_F(Planning, ReplicasAreEachAVantageAndATargetByAddress) {
    LiveService second = stack.services[2];  // worker
    second.replica = 2;
    second.container_id = "c-worker-2";
    second.addresses = {{"api_net", "10.0.2.5", ""}};
    stack.services[2].replicas = 2;
    second.replicas = 2;
    stack.services.push_back(second);
    plan_reach(context, plan);
    ASSERT_NE(find("reach:worker#1->db:5432"), nullptr);
    ASSERT_NE(find("reach:worker#2->db:5432"), nullptr);
    const PlannedCheck* to_second = find("reach:backend->worker#2:9000");
    ASSERT_NE(to_second, nullptr);
    EXPECT_EQ(to_second->owner, "worker");
    ASSERT_EQ(to_second->tasks.size(), 1u);
    EXPECT_EQ(find("reach:worker#1->worker#2:9000"), nullptr);  // replicas of one service are one party
}

namespace {

std::vector<std::string> hosts_of(const Plan& plan, const PlannedCheck& check) {
    std::vector<std::string> out;
    for (const TaskRef& ref : check.tasks) {
        for (const Task& task : plan.vantages[ref.vantage].tasks) {
            if (task.key == ref.key) out.push_back(task.host);
        }
    }
    return out;
}

}  // namespace

TEST_F(Planning, AnIpv6AddressIsTriedBesideTheName) {
    stack.services[3].addresses[0].ipv6 = "fd00:3::2";  // db on data_net
    plan_reach(context, plan);
    const PlannedCheck* allowed = find("reach:backend->db:5432");
    ASSERT_NE(allowed, nullptr);
    EXPECT_EQ(hosts_of(plan, *allowed), (std::vector<std::string>{"db", "fd00:3::2"}));
    const PlannedCheck* forbidden = find("reach:worker->db:5432");
    ASSERT_NE(forbidden, nullptr);
    EXPECT_EQ(hosts_of(plan, *forbidden), (std::vector<std::string>{"db", "fd00:3::2"}));
}

TEST_F(Planning, AReplicaIsTriedOnlyAtTheAddressesOfNetworksTheVantageShares) {
    LiveService second = stack.services[1];  // backend, on api_net and data_net
    second.replica = 2;
    second.container_id = "c-backend-2";
    second.addresses = {{"api_net", "10.0.2.6", "fd00:2::6"}, {"data_net", "10.0.3.6", ""}};
    stack.services[1].replicas = 2;
    second.replicas = 2;
    stack.services.push_back(second);
    plan_reach(context, plan);
    const PlannedCheck* allowed = find("reach:proxy->backend#2:8001");  // proxy shares api_net only
    ASSERT_NE(allowed, nullptr);
    EXPECT_EQ(allowed->check.want, Want::reachable);
    EXPECT_EQ(hosts_of(plan, *allowed), (std::vector<std::string>{"10.0.2.6", "fd00:2::6"}));
}

TEST_F(Planning, EveryServiceResolvesItsOwnNamesAsTheirControl) {
    plan_self_controls(context, plan);
    std::size_t db = plan.vantage(Vantage::Kind::service, "db", "c-db");
    bool resolves_alias = std::any_of(plan.vantages[db].tasks.begin(), plan.vantages[db].tasks.end(), [](const Task& t) {
        return t.kind == Task::Kind::dns && t.host == "db.tiny.internal";
    });
    EXPECT_TRUE(resolves_alias);
}
