// Shapes of services a run proves rather than skips: replicas, a sidecar in another service's
// network namespace, a service with no network at all.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mesh_environment.h"
#include "meshprobe_cli.h"
#include "scratch_folder.h"

using namespace meshtest;
using ::testing::HasSubstr;

namespace {

const nlohmann::json* find_check(const Outcome& outcome, const std::string& id) {
    for (const auto& check : outcome.report["checks"]) {
        if (check["id"] == id) return &check;
    }
    return nullptr;
}

class Shapes : public ::testing::Test {
protected:
    static void SetUpTestSuite() { outcome_ = new Outcome(run_standin("shapes")); }
    static void TearDownTestSuite() {
        delete outcome_;
        outcome_ = nullptr;
    }
    static const Outcome& outcome() { return *outcome_; }

private:
    static Outcome* outcome_;
};

Outcome* Shapes::outcome_ = nullptr;

}  // namespace

TEST_F(Shapes, PassAndLeaveNothingBehind) {
    EXPECT_EQ(outcome().exit_code, 0) << outcome().err << outcome().out;
    EXPECT_EQ(outcome().failing(), std::set<std::string>{});
    EXPECT_EQ(leftovers("meshtest-shapes"), std::vector<std::string>{});
}

TEST_F(Shapes, EveryReplicaIsAVantageAndATarget) {
    const nlohmann::json* stack = find_check(outcome(), "stack:web");
    ASSERT_NE(stack, nullptr);
    EXPECT_THAT(stack->at("observed").get<std::string>(), HasSubstr("2 replicas running"));
    for (const char* id : {"reach:web#1->api:9000", "reach:web#2->api:9000", "reach:api->web#1:8080",
                           "reach:api->web#2:8080", "isolation:back->web#2:8080"}) {
        const nlohmann::json* check = find_check(outcome(), id);
        ASSERT_NE(check, nullptr) << id;
        EXPECT_EQ(check->at("verdict"), "pass") << check->dump();
    }
}

TEST_F(Shapes, ASidecarIsProvenThroughTheNamespaceItShares) {
    const nlohmann::json* stack = find_check(outcome(), "stack:metrics");
    ASSERT_NE(stack, nullptr);
    EXPECT_EQ(stack->at("verdict"), "pass");
    EXPECT_THAT(stack->at("note").get<std::string>(), HasSubstr("shares the network namespace of api"));
}

TEST_F(Shapes, AServiceWithoutANetworkIsProvenUnreaching) {
    const nlohmann::json* stack = find_check(outcome(), "stack:batch");
    ASSERT_NE(stack, nullptr);
    EXPECT_THAT(stack->at("note").get<std::string>(), HasSubstr("network_mode: none"));
    for (const char* id : {"reach:batch->db:5432", "reach:batch->web#1:8080", "reach:batch->api:9000"}) {
        const nlohmann::json* check = find_check(outcome(), id);
        ASSERT_NE(check, nullptr) << id;
        EXPECT_EQ(check->at("verdict"), "pass") << check->dump();
        EXPECT_EQ(check->at("expected"), "blocked");
    }
}

// x and x2 on one network, y alone on another, no flows: nobody may reach y, and that
// "blocked" still stands on a positive control, the one y gives itself. The stand-ins start
// although y's build folder and env_file are missing and x2 comes from an `include`.
TEST(Lonely, ServicesNoFlowReachesPassOnTheirOwnControls) {
    Outcome outcome = run_standin("lonely");
    EXPECT_EQ(outcome.exit_code, 0) << outcome.told();
    EXPECT_EQ(outcome.failing(), std::set<std::string>{});
    for (const char* id : {"dns:x->y", "reach:x->y:9090", "isolation:one->y:9090", "dns:y->x"}) {
        const nlohmann::json* check = find_check(outcome, id);
        ASSERT_NE(check, nullptr) << id;
        EXPECT_EQ(check->at("verdict"), "pass") << check->dump();
        EXPECT_TRUE(check->at("evidence").contains("control")) << check->dump();
    }
    EXPECT_EQ(leftovers("meshtest-lonely"), std::vector<std::string>{});
}

namespace {

// The probes of a check aimed at an IPv6 address, as the report's evidence lists them.
std::vector<nlohmann::json> ipv6_probes(const nlohmann::json& check) {
    std::vector<nlohmann::json> out;
    for (const auto& probe : check["evidence"]["probes"]) {
        if (probe["target"].get<std::string>().find(':') != std::string::npos) out.push_back(probe);
    }
    return out;
}

class Ipv6 : public ::testing::Test {
protected:
    static void SetUpTestSuite() { outcome_ = new Outcome(run_standin("ipv6")); }
    static void TearDownTestSuite() {
        delete outcome_;
        outcome_ = nullptr;
    }
    static const Outcome& outcome() { return *outcome_; }
    static const nlohmann::json& check(const std::string& id) {
        const nlohmann::json* found = find_check(outcome(), id);
        if (found == nullptr) throw std::runtime_error("no check " + id);
        return *found;
    }

private:
    static Outcome* outcome_;
};

Outcome* Ipv6::outcome_ = nullptr;

}  // namespace

TEST_F(Ipv6, PassesAndLeavesNothingBehind) {
    EXPECT_EQ(outcome().exit_code, 0) << outcome().err << outcome().out;
    EXPECT_EQ(outcome().failing(), std::set<std::string>{});
    EXPECT_EQ(leftovers("meshtest-ipv6"), std::vector<std::string>{});
}

TEST_F(Ipv6, AnAllowedFlowIsProvenAtTheIpv6AddressToo) {
    const nlohmann::json& reach = check("reach:web->db:5432");
    EXPECT_EQ(reach["verdict"], "pass") << reach.dump();
    const auto probes = ipv6_probes(reach);
    ASSERT_EQ(probes.size(), 1u) << reach.dump();
    EXPECT_THAT(probes.front()["target"].get<std::string>(), ::testing::StartsWith("fd00:77::"));
    EXPECT_EQ(probes.front()["status"], "connected");
}

TEST_F(Ipv6, IsolationTriesEveryAddressOfTheTarget) {
    const nlohmann::json& isolation = check("isolation:front->db:5432");
    EXPECT_EQ(isolation["verdict"], "pass") << isolation.dump();
    const auto probes = ipv6_probes(isolation);
    ASSERT_EQ(probes.size(), 1u) << isolation.dump();
    EXPECT_NE(probes.front()["status"], "connected");
    // web has an IPv6 address on each of its networks; the static one compose asked for on data
    // is the one the engine gave it.
    std::vector<std::string> web;
    for (const auto& probe : ipv6_probes(check("isolation:data->web:8080"))) web.push_back(probe["target"]);
    EXPECT_THAT(web, ::testing::UnorderedElementsAre(::testing::StartsWith("fd00:76::"), "fd00:77::10"));
}

TEST_F(Ipv6, EveryIpv6GatewayIsAnEgressDestinationWithTheSentinelListening) {
    const nlohmann::json& allowed = check("egress:front->gateway:front/fd00:76::1");
    EXPECT_EQ(allowed["verdict"], "pass") << allowed.dump();
    EXPECT_THAT(allowed["observed"].get<std::string>(), HasSubstr("answered by sentinel"));
    const nlohmann::json& denied = check("egress:data->gateway:data/fd00:77::1");
    EXPECT_EQ(denied["verdict"], "pass") << denied.dump();
    EXPECT_TRUE(denied["evidence"].contains("control")) << denied.dump();
}

// `run` and `check` agree on a contract service that only another environment's files define
// (mail, of dev) and on one of an inactive profile (shell): judged where they run, so the base
// run passes them without a container, and the dev run brings them up and proves their paths.
TEST(Environments, AServiceOfAnotherEnvironmentIsNotMissingWhereItDoesNotRun) {
    Outcome base = run_standin("environments");
    ASSERT_EQ(base.exit_code, 0) << base.told();
    const nlohmann::json* mail = find_check(base, "stack:mail");
    ASSERT_NE(mail, nullptr);
    EXPECT_EQ((*mail)["verdict"], "pass");
    EXPECT_THAT((*mail)["expected"].get<std::string>(), HasSubstr("only the files of environment dev define it"));
    EXPECT_EQ(find_check(base, "reach:web->mail:8025"), nullptr);

    Outcome dev = run_standin("environments", {"-e", "dev"});
    ASSERT_EQ(dev.exit_code, 0) << dev.told();
    const nlohmann::json* reached = find_check(dev, "reach:web->mail:8025");
    ASSERT_NE(reached, nullptr);
    EXPECT_EQ((*reached)["verdict"], "pass");
    EXPECT_EQ(leftovers("meshtest-environments"), std::vector<std::string>{});
}

// One publish decision for `check` and `run`: compose's `18089:8089` binds every address (engine
// 20.10 lists it on 0.0.0.0 and on ::), which `publish: ["0.0.0.0:18089"]` allows in both.
TEST(PublishDecision, APortOnAllAddressesPassesCheckAndRunAlike) {
    meshprobe::testing::ScratchFolder folder("meshtest-publish");
    folder.write("docker-compose.yaml", "services:\n  web:\n    image: nginx:alpine\n    expose: [\"8089\"]\n"
                                        "    ports: [\"18089:8089\"]\n    networks: [front]\nnetworks:\n  front: {}\n");
    folder.write("mesh.yaml", "version: 1\nproject: meshtest-publish\ncompose: {files: [docker-compose.yaml]}\n"
                              "tiers:\n  edge: {network: front}\nservices:\n"
                              "  web: {tier: edge, ports: [8089], publish: [\"0.0.0.0:18089\"]}\n");
    Outcome check = run_meshprobe({"-c", folder.path("mesh.yaml"), "check"});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    Outcome run = run_meshprobe({"-q", "-c", folder.path("mesh.yaml"), "run", "--standin", "--suite", "ports"});
    ASSERT_EQ(run.exit_code, 0) << run.told();
    const nlohmann::json* ports = find_check(run, "ports:web:18089");
    ASSERT_NE(ports, nullptr) << run.report.dump();
    EXPECT_EQ((*ports)["verdict"], "pass");
    EXPECT_EQ(leftovers("meshtest-publish"), std::vector<std::string>{});
}

// A tier on an external network (made outside compose, so not labelled with the project) is
// the stack's too: run gives it its isolation checks, as the live topology shows it.
TEST(ExternalNetwork, ATierOnAnExternalNetworkGetsItsIsolationChecks) {
    const std::string network = "meshtest-external-shared";
    shell("docker network rm " + network + " >/dev/null 2>&1");
    int made = -1;
    shell("docker network create " + network + " >/dev/null", &made);
    ASSERT_EQ(made, 0);
    meshprobe::testing::ScratchFolder folder("meshtest-external");
    folder.write("docker-compose.yaml", "services:\n  web:\n    image: nginx:alpine\n    expose: [\"8089\"]\n"
                                        "    networks: [shared]\nnetworks:\n  shared: {external: true, name: " +
                                            network + "}\n");
    folder.write("mesh.yaml", "version: 1\nproject: meshtest-external\ncompose: {files: [docker-compose.yaml]}\n"
                              "tiers:\n  edge: {network: shared}\nservices:\n  web: {tier: edge, ports: [8089]}\n");
    Outcome run = run_meshprobe({"-q", "-c", folder.path("mesh.yaml"), "run", "--standin", "--suite", "isolation"});
    shell("docker network rm " + network + " >/dev/null 2>&1");
    EXPECT_EQ(run.exit_code, 0) << run.told();
    const nlohmann::json* isolation = find_check(run, "isolation:edge->web:8089");
    ASSERT_NE(isolation, nullptr) << run.report.dump();
    EXPECT_EQ((*isolation)["verdict"], "pass") << isolation->dump();
    EXPECT_EQ(leftovers("meshtest-external"), std::vector<std::string>{});
}
