// The disagreements issue 20 found between check, topology and explain on one static stack,
// each now answered once by the model (topology/service_reach.h, topology/path_classes.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "stack_builder.h"
#include "topology/topology.h"

using namespace meshprobe;
using meshprobe::testing::Stack;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

namespace {

// app (web, worker) may reach data (db:3306); policy as the contract's defaults.
Stack app_and_data() {
    Stack stack;
    stack.tier("app", "app_net").tier("data", "data_net");
    stack.network("app_net");
    stack.network("data_net");
    stack.spec("web", "app", {80});
    stack.service("web", {"app_net", "data_net"});
    stack.spec("worker", "app", {81});
    stack.service("worker", {"app_net"});
    stack.spec("db", "data", {3306});
    stack.service("db", {"data_net"});
    return stack;
}

PathVerdict topology_says(const Stack& stack, const std::string& from, const std::string& to, int port) {
    const Topology topology = build_topology(stack.contract, stack.model, "base");
    for (const TopologyPath& path : topology.paths) {
        if (path.from == from && path.to == to && path.port == port) return path.verdict;
    }
    return PathVerdict::blocked;
}

TopologyPath explain_says(const Stack& stack, const std::string& from, const std::string& to, int port) {
    const Topology answer = paths_between(stack.contract, stack.model, "base", from, to, port);
    EXPECT_THAT(answer.paths, SizeIs(1));
    return answer.paths.front();
}

}  // namespace

TEST(StaticDisagreements, AFlowFromANetworkModeNoneServiceIsBrokenInCheckTopologyAndExplain) {
    Stack stack = app_and_data();
    stack.spec("lonely", "app", {82});
    stack.service("lonely").network_mode = "none";
    stack.flow({"service:lonely"}, {"data"}, {3306});

    EXPECT_EQ(topology_says(stack, "lonely", "db", 3306), PathVerdict::broken);
    const TopologyPath explained = explain_says(stack, "lonely", "db", 3306);
    EXPECT_EQ(explained.verdict, PathVerdict::broken);
    EXPECT_FALSE(agrees(explained)) << "explain exits 1";
    const std::vector<Finding> broken = stack.findings("MESH004");
    ASSERT_THAT(broken, SizeIs(1));
    EXPECT_EQ(broken.front().service, "lonely");
    EXPECT_THAT(broken.front().message, HasSubstr("lonely has network_mode: none"));
}

TEST(StaticDisagreements, ASameTierPairOnNoSharedNetworkIsBrokenInCheckTopologyAndExplain) {
    Stack stack = app_and_data();
    stack.network("other_net");
    stack.spec("loner", "app", {83});
    stack.service("loner", {"other_net"});

    EXPECT_EQ(topology_says(stack, "worker", "loner", 83), PathVerdict::broken);
    const TopologyPath explained = explain_says(stack, "worker", "loner", 83);
    EXPECT_EQ(explained.verdict, PathVerdict::broken);
    EXPECT_FALSE(agrees(explained)) << "explain exits 1, not 'blocked ... as the contract wants it'";
    bool reported = false;
    for (const Finding& f : stack.findings("MESH004")) {
        reported = reported || (f.service == "worker" && f.message.find("reach loner") != std::string::npos);
    }
    EXPECT_TRUE(reported) << "check fails with MESH004 for worker -> loner";
}

TEST(StaticDisagreements, AHostServiceReachesEveryContainerOnTheHostsBridges) {
    Stack stack = app_and_data();
    stack.spec("hostsvc", "app", {9000});
    stack.service("hostsvc").network_mode = "host";
    stack.flow({"app"}, {"data"}, {3306});

    EXPECT_EQ(topology_says(stack, "hostsvc", "db", 3306), PathVerdict::allowed);
    const TopologyPath explained = explain_says(stack, "hostsvc", "db", 3306);
    EXPECT_EQ(explained.verdict, PathVerdict::allowed);
    EXPECT_EQ(explained.networks, std::vector<std::string>{"data_net"});
}

TEST(StaticDisagreements, AHostServiceThatMayNotReachAContainerIsOverPermissionInCheckTopologyAndExplain) {
    Stack stack = app_and_data();
    stack.spec("hostsvc", "app", {9000});
    stack.service("hostsvc").network_mode = "host";

    EXPECT_EQ(topology_says(stack, "hostsvc", "db", 3306), PathVerdict::forbidden);
    const TopologyPath explained = explain_says(stack, "hostsvc", "db", 3306);
    EXPECT_EQ(explained.verdict, PathVerdict::forbidden);
    EXPECT_FALSE(agrees(explained));
    bool reported = false;
    for (const Finding& f : stack.findings("MESH003")) {
        reported = reported || f.message.find("hostsvc -> db:3306") != std::string::npos;
    }
    EXPECT_TRUE(reported) << "check reports hostsvc -> db:3306 as over-permission";
}

TEST(StaticDisagreements, AnUntieredServiceIsForbiddenWhatNoFlowNamesInCheckTopologyAndExplain) {
    Stack stack = app_and_data();
    stack.service("stray", {"app_net"});

    const std::vector<Finding> coverage = stack.findings("MESH001");
    ASSERT_THAT(coverage, SizeIs(1));
    EXPECT_THAT(coverage.front().message, HasSubstr("every other path from or to it is forbidden"));
    EXPECT_EQ(topology_says(stack, "stray", "web", 80), PathVerdict::forbidden);
    EXPECT_EQ(explain_says(stack, "stray", "web", 80).verdict, PathVerdict::forbidden);
    bool reported = false;
    for (const Finding& f : stack.findings("MESH003")) reported = reported || f.message.find("stray -> web:80") != std::string::npos;
    EXPECT_TRUE(reported) << "check reports stray -> web:80 as over-permission";
}

TEST(StaticDisagreements, ASidecarHasItsOwnersPathsInCheckTopologyAndExplain) {
    Stack stack = app_and_data();
    stack.spec("side", "data", {84});
    stack.service("side").network_mode = "service:worker";

    EXPECT_EQ(topology_says(stack, "web", "side", 84), PathVerdict::forbidden);
    EXPECT_EQ(explain_says(stack, "web", "side", 84).networks, std::vector<std::string>{"app_net"});
    bool reported = false;
    for (const Finding& f : stack.findings("MESH003")) reported = reported || f.message.find("web -> side:84") != std::string::npos;
    EXPECT_TRUE(reported) << "check reports web -> side:84 as over-permission";
}

TEST(StaticDisagreements, ANetworkModeNoneServiceIsNoSameTierPartner) {
    Stack stack = app_and_data();
    stack.spec("lonely", "app", {82});
    stack.service("lonely").network_mode = "none";

    EXPECT_EQ(topology_says(stack, "worker", "lonely", 82), PathVerdict::blocked);
    EXPECT_EQ(explain_says(stack, "worker", "lonely", 82).verdict, PathVerdict::blocked);
    EXPECT_THAT(stack.findings("MESH004"), IsEmpty());
}
