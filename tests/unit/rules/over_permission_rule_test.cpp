#include <gtest/gtest.h>

#include <random>
#include <regex>

#include "rules/rule_input.h"
#include "stack_builder.h"

namespace meshprobe::testing {
namespace {

// api-svc (8000) and data-svc (5432) on their own networks; tests then add shared networks.
Stack two_tiers() {
    Stack stack;
    stack.tier_with_service("api", 8000).tier_with_service("data", 5432, true);
    return stack;
}

// The nginx-flask-mysql shape: the proxy is the only front service, the flow names it, and the
// backend sits on the front network too.
Stack proxy_and_backend(const std::vector<std::string>& flow_from) {
    Stack stack;
    stack.tier_with_service("front", 80).tier_with_service("back", 8000);
    stack.attach("back-svc", "front_net");
    stack.flow(flow_from, {"back-svc"}, {8000});
    return stack;
}

std::vector<Finding> errors(const std::vector<Finding>& findings) {
    std::vector<Finding> out;
    for (const Finding& finding : findings) {
        if (finding.severity == Severity::error) out.push_back(finding);
    }
    return out;
}

// The model says which networks carry a path: two services in the host's namespace meet there,
// not on the stack's networks, so the finding is on "host" and nothing asks to detach them from a
// network they are not on.
TEST(OverPermissionRule, APathBetweenTwoHostServicesIsReportedOnTheHostOnly) {
    Stack stack = two_tiers();
    stack.spec("host-a", "api", {9000});
    stack.service("host-a").network_mode = "host";
    stack.spec("host-b", "data", {9001});
    stack.service("host-b").network_mode = "host";
    std::vector<std::string> between_hosts;
    for (const Finding& f : errors(stack.findings("MESH003"))) {
        if (f.message.find("host-a -> host-b") != std::string::npos) between_hosts.push_back(f.message);
    }
    ASSERT_EQ(between_hosts.size(), 1u);
    EXPECT_NE(between_hosts[0].find(" on host opens paths"), std::string::npos) << between_hosts[0];
}

TEST(OverPermissionRule, ATierNetworkOpenToEveryMemberIsAnErrorWhenTheFlowNamesOnlyOne) {
    Stack stack = proxy_and_backend({"front-svc"});
    auto found = errors(stack.findings("MESH003"));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_EQ(found[0].service, "back-svc");
    EXPECT_NE(found[0].message.find("a new service of front would reach back-svc:8000"), std::string::npos)
        << found[0].message;
}

TEST(OverPermissionRule, ATierNetworkIsNoFindingWhenTheWholeTierMayReachTheTarget) {
    Stack stack = proxy_and_backend({"front"});
    EXPECT_TRUE(errors(stack.findings("MESH003")).empty());
}

TEST(OverPermissionRule, SharedNetworkWithoutAnyFlowIsAnErrorAtTheOffTierAttachment) {
    Stack stack = two_tiers();
    int line = stack.attach("data-svc", "api_net").where.line;
    auto found = stack.findings("MESH003");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_EQ(found[0].service, "data-svc");
    EXPECT_EQ(found[0].where.line, line);
    EXPECT_NE(found[0].message.find("api-svc -> data-svc:5432"), std::string::npos);
    EXPECT_NE(found[0].message.find("data-svc -> api-svc:8000"), std::string::npos);
}

TEST(OverPermissionRule, ATargetWithoutAKnownPortIsOverPermittedOnEveryPort) {
    Stack stack = two_tiers();
    stack.spec("cache", "data");
    stack.service("cache", {"data_net"});
    stack.attach("api-svc", "data_net");
    stack.flow({"api"}, {"data-svc"}, {5432});
    std::string messages, fixes;
    for (const Finding& finding : stack.findings("MESH003")) {
        if (finding.severity != Severity::error) continue;
        messages += finding.message + "\n";
        fixes += finding.fix + "\n";
    }
    EXPECT_NE(messages.find("api-svc -> cache on every port"), std::string::npos) << messages;
    EXPECT_NE(fixes.find("no port of cache is known"), std::string::npos) << fixes;
}

TEST(OverPermissionRule, AFlowWithoutPortsToATargetWithoutPortsAllowsEveryPort) {
    Stack stack = two_tiers();
    stack.spec("cache", "data");
    stack.service("cache", {"data_net"});
    stack.attach("api-svc", "data_net");
    stack.flow({"api"}, {"data-svc"}, {5432});
    stack.flow({"api"}, {"cache"});
    for (const Finding& finding : stack.findings("MESH003")) {
        EXPECT_EQ(finding.message.find("-> cache on every port"), std::string::npos) << finding.message;
    }
}

TEST(OverPermissionRule, ATargetThatServesNoPortIsNotOverPermitted) {
    Stack stack = two_tiers();
    stack.spec("worker", "data").listens = false;  // ports: none
    stack.service("worker", {"data_net"});
    stack.attach("api-svc", "data_net");
    stack.flow({"api"}, {"data-svc"}, {5432});
    for (const Finding& finding : stack.findings("MESH003")) {
        EXPECT_EQ(finding.message.find("-> worker"), std::string::npos) << finding.message;
    }
}

TEST(OverPermissionRule, ReversePathOfAnAllowedFlowIsANoteUnderReverseAllow) {
    Stack stack = two_tiers();
    stack.flow({"api"}, {"data"}, {5432});
    stack.attach("api-svc", "data_net");
    auto found = stack.findings("MESH003");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::note);
    EXPECT_EQ(found[0].service, "data-svc");
    EXPECT_NE(found[0].message.find("reverse of api-svc -> data-svc:5432"), std::string::npos);
}

TEST(OverPermissionRule, ReversePathIsAnErrorUnderReverseDeny) {
    Stack stack = two_tiers();
    stack.contract.policy.reverse_allow = false;
    stack.flow({"api"}, {"data"}, {5432});
    stack.attach("api-svc", "data_net");
    auto found = stack.findings("MESH003");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_NE(found[0].message.find("reverse: deny"), std::string::npos);
}

TEST(OverPermissionRule, PortsOutsideTheFlowAreOverPermission) {
    Stack stack = two_tiers();
    stack.contract.services[1].ports = {5432, 9187};  // data-svc also serves its metrics port
    stack.flow({"api"}, {"data"}, {5432});
    stack.attach("api-svc", "data_net");
    std::vector<Finding> errors;
    for (const Finding& finding : stack.findings("MESH003")) {
        if (finding.severity == Severity::error) errors.push_back(finding);
    }
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].message.find("api-svc -> data-svc:9187"), std::string::npos);
    EXPECT_EQ(errors[0].message.find("5432"), std::string::npos);
}

TEST(OverPermissionRule, SameTierServicesOnTheirNetworkAreAllowed) {
    Stack stack;
    stack.tier_with_service("api", 8000);
    stack.spec("worker", "api", {9000});
    stack.service("worker", {"api_net"});
    EXPECT_TRUE(stack.findings("MESH003").empty());
}

TEST(OverPermissionRule, SameTierServicesAreOverPermittedUnderSameTierDeny) {
    Stack stack;
    stack.contract.policy.same_tier_allow = false;
    stack.tier_with_service("api", 8000);
    stack.spec("worker", "api", {9000});
    stack.service("worker", {"api_net"});
    EXPECT_FALSE(stack.findings("MESH003").empty());
}

TEST(OverPermissionRule, ServicesOnSeparateNetworksAreNotReported) {
    EXPECT_TRUE(two_tiers().findings("MESH003").empty());
}

TEST(OverPermissionRule, ReverseNoteNamesTheFlowOfEachPathItLists) {
    Stack stack = two_tiers();
    stack.spec("api-two", "api", {8000});
    stack.service("api-two", {"api_net"});
    stack.flow({"api"}, {"data"}, {5432});
    stack.attach("api-svc", "data_net");
    stack.attach("api-two", "data_net");
    auto found = stack.findings("MESH003");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].message.find("data-svc -> api-svc:8000 (reverse of api-svc -> data-svc:5432)"),
              std::string::npos);
    EXPECT_NE(found[0].message.find("data-svc -> api-two:8000 (reverse of api-two -> data-svc:5432)"),
              std::string::npos);
}

// The number of paths a finding stands for: those it lists plus "and N more".
std::size_t paths_in(const Finding& finding) {
    std::string list = finding.message.substr(finding.message.find("): ") + 3);
    std::size_t listed = 1 + static_cast<std::size_t>(std::count(list.begin(), list.end(), ';'));
    std::smatch more;
    if (!std::regex_search(list, more, std::regex("; and (\\d+) more$"))) return listed;
    return listed - 1 + std::stoul(more[1].str());
}

TEST(OverPermissionRule, BlamesTheOffTierServicesOfAFlatNetworkOncePerService) {
    Stack stack;
    stack.tier("api", "shared_net").tier("data", "data_net").network("shared_net");
    for (std::string name : {"api-1", "api-2", "api-3", "api-4", "api-5"}) {
        stack.spec(name, "api", {8000});
        stack.service(name, {"shared_net"});
    }
    for (std::string name : {"db-1", "db-2", "db-3"}) {
        stack.spec(name, "data", {5432});
        stack.service(name, {"shared_net"});
    }
    auto found = stack.findings("MESH003");
    ASSERT_EQ(found.size(), 3u);
    // Each database shares ten paths with the five api services, both ways.
    EXPECT_EQ(found[0].service, "db-3");
    EXPECT_EQ(found[1].service, "db-2");
    EXPECT_EQ(found[2].service, "db-1");
    for (const Finding& finding : found) {
        EXPECT_EQ(paths_in(finding), 10u) << finding.message;
        EXPECT_NE(finding.message.find("and 4 more"), std::string::npos) << finding.message;
    }
}

// A random stack of a few tiers, services on random networks and random flows.
Stack random_stack(unsigned seed) {
    std::mt19937 random(seed);
    auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    Stack stack;
    stack.contract.policy.reverse_allow = pick(2) == 0;
    stack.contract.policy.same_tier_allow = pick(2) == 0;
    const std::vector<std::string> tiers = {"a", "b", "c"};
    const std::vector<int> ports = {80, 5432, 8000};
    for (const std::string& tier : tiers) stack.tier(tier, tier + "_net").network(tier + "_net");
    stack.network("extra_net");
    for (int i = 0; i < 6 + pick(20); ++i) {
        std::string name = "s" + std::to_string(i);
        std::vector<int> served;
        for (int port : ports) {
            if (pick(2)) served.push_back(port);
        }
        stack.spec(name, tiers[static_cast<std::size_t>(pick(3))], served);
        std::vector<std::string> networks;
        for (std::string network : {"a_net", "b_net", "c_net", "extra_net"}) {
            if (pick(3) == 0) networks.push_back(network);
        }
        stack.service(name, networks);
    }
    for (int i = pick(4); i > 0; --i) {
        std::vector<int> flow_ports;
        if (pick(2)) flow_ports.push_back(ports[static_cast<std::size_t>(pick(3))]);
        std::string from = pick(3) ? tiers[static_cast<std::size_t>(pick(3))] : "s" + std::to_string(pick(6));
        std::string to = pick(3) ? tiers[static_cast<std::size_t>(pick(3))] : "s" + std::to_string(pick(6));
        stack.flow({from}, {to}, flow_ports);
    }
    return stack;
}

// The findings must account for every unallowed path, pair by pair: forbidden paths on every
// network they cross, reverse paths once, on the first network the pair shares.
TEST(OverPermissionRule, FindingsAccountForEveryUnallowedPathOfRandomStacks) {
    for (unsigned seed = 1; seed <= 200; ++seed) {
        Stack stack = random_stack(seed);
        RuleInput input(stack.contract, stack.model);
        std::map<std::string, std::size_t> expected;  // "error <network>" / "note <network>" -> paths
        std::set<std::pair<std::string, std::string>> noted;
        for (const StackNetwork& network : stack.model.networks) {
            auto members = input.members(network.key);
            for (const StackService* from : members) {
                for (const StackService* to : members) {
                    if (from == to) continue;
                    Party party = input.policy.party_of(from->name);
                    // A target without a known port is open on every port.
                    bool unallowed = input.policy.ports(to->name).empty() &&
                                     !input.policy.grant_every_port(party, to->name);
                    for (int port : input.policy.ports(to->name))
                        unallowed = unallowed || !input.policy.may_reach(party, to->name, port);
                    if (!unallowed) continue;
                    bool reverse = stack.contract.policy.reverse_allow &&
                                   !input.policy.reverse_of(party, to->name).empty();
                    if (!reverse) {
                        ++expected["error " + network.key];
                    } else if (noted.insert({from->name, to->name}).second) {
                        ++expected["note " + network.key];
                    }
                }
            }
        }
        std::map<std::string, std::size_t> reported;
        for (const Finding& finding : stack.findings("MESH003")) {
            // A new member of a tier is no pair of the stack's services; counted apart.
            if (finding.message.find(" is open to every member of tier ") != std::string::npos) continue;
            bool note = finding.severity == Severity::note;
            std::regex over(note ? "over (\\S+) " : " on (\\S+) opens");
            std::smatch network;
            ASSERT_TRUE(std::regex_search(finding.message, network, over)) << finding.message;
            reported[(note ? "note " : "error ") + network[1].str()] += paths_in(finding);
        }
        EXPECT_EQ(reported, expected) << "seed " << seed;
    }
}

}  // namespace
}  // namespace meshprobe::testing
