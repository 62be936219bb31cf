#include "enforce/compile.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "core/errors.h"
#include "live_small_stack.h"

using namespace meshprobe;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

// The small live stack (live_small_stack.h) on bridges of its own: web (front, back) may reach
// api:8080 on back, api may reach db:5432 on data, web publishes 127.0.0.1:8080.
class Enforce : public meshprobe::testing::LiveSmallStack {
protected:
    Enforce() {
        for (LiveNetwork& n : live.networks) n.bridge = "br-" + n.key;
    }

    FirewallTable compiled() const {
        const auto [contract, environment, model, elsewhere] = loaded();
        return compile_enforcement(contract, build_live_topology(contract, model, environment, live), live);
    }

    static std::vector<std::string> rules_of(const FirewallTable& table, const std::string& chain) {
        std::vector<std::string> out;
        for (const FirewallChain& c : table.chains) {
            if (c.name != chain) continue;
            for (const FirewallRule& r : c.rules) out.push_back(r.match + " " + r.verdict);
        }
        return out;
    }

    void deny_egress_of_data() {
        std::ifstream in(folder.path("mesh.yaml"));
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        text.replace(text.find("data: {network: data}"), 21, "data: {network: data, internal: true, egress: deny}");
        folder.write("mesh.yaml", text);
    }
};

}  // namespace

TEST_F(Enforce, TheTableIsTheProjectsOwnInetTable) {
    const FirewallTable table = compiled();
    EXPECT_EQ(table.family, "inet");
    EXPECT_EQ(table.name, "meshprobe_small");
    EXPECT_EQ(enforcement_table_name("small"), "meshprobe_small");
}

TEST_F(Enforce, ADestinationAcceptsItsAllowedSourceOnItsPortThenDropsEveryOtherNewConnection) {
    const std::vector<std::string> forward = rules_of(compiled(), "forward");
    const auto accept = std::find(forward.begin(), forward.end(),
                                  "iifname \"br-back\" oifname \"br-back\" ip daddr 172.31.0.3 ip saddr 172.31.0.2 meta "
                                  "l4proto { tcp, udp } th dport 8080 ct state new accept");
    const auto drop = std::find(forward.begin(), forward.end(),
                                "iifname \"br-back\" oifname \"br-back\" ip daddr 172.31.0.3 meta l4proto { tcp, udp } ct "
                                "state new drop");
    ASSERT_NE(accept, forward.end());
    ASSERT_NE(drop, forward.end());
    EXPECT_LT(accept, drop);
}

TEST_F(Enforce, AReversePathIsDroppedAndNeverAccepted) {
    // api -> web on back is the reverse of web -> api: web's address on back accepts nothing.
    const std::vector<std::string> forward = rules_of(compiled(), "forward");
    EXPECT_THAT(forward, Contains("iifname \"br-back\" oifname \"br-back\" ip daddr 172.31.0.2 meta l4proto { tcp, udp } "
                                  "ct state new drop"));
    EXPECT_THAT(forward, Not(Contains(AllOf(HasSubstr("daddr 172.31.0.2"), HasSubstr("accept")))));
}

TEST_F(Enforce, RulesGrowWithAllowedFlowsNotWithPairs) {
    // One drop per container address on a bridge, one accept per allowed destination and port.
    const std::vector<std::string> forward = rules_of(compiled(), "forward");
    const auto accepts = std::count_if(forward.begin(), forward.end(), [](const std::string& r) { return r.ends_with("accept"); });
    EXPECT_EQ(accepts, 2);  // api:8080 from web, db:5432 from api
    EXPECT_EQ(forward.size(), 2u + 5u);  // web x2, api x2, db x1 addresses
}

TEST_F(Enforce, ANetworkWithIpv6GetsTheSameAllowListForItsIpv6Addresses) {
    live.services[0].addresses[1].ipv6 = "fd00:31::2";  // web on back
    live.services[1].addresses[0].ipv6 = "fd00:31::3";  // api on back
    const std::vector<std::string> forward = rules_of(compiled(), "forward");
    EXPECT_THAT(forward, Contains("iifname \"br-back\" oifname \"br-back\" ip6 daddr fd00:31::3 ip6 saddr fd00:31::2 meta "
                                  "l4proto { tcp, udp } th dport 8080 ct state new accept"));
    EXPECT_THAT(forward, Contains("iifname \"br-back\" oifname \"br-back\" ip6 daddr fd00:31::2 meta l4proto { tcp, udp } "
                                  "ct state new drop"));
}

TEST_F(Enforce, AnEgressDenyTierIsDroppedToTheHostAndOutOfItsBridge) {
    deny_egress_of_data();
    const FirewallTable table = compiled();
    EXPECT_THAT(rules_of(table, "input"), Contains("iifname \"br-data\" meta l4proto { tcp, udp } ct state new drop"));
    EXPECT_THAT(rules_of(table, "forward"),
                Contains("iifname \"br-data\" oifname != \"br-data\" meta l4proto { tcp, udp } ct state new drop"));
}

TEST_F(Enforce, ATierThatMayEgressHasNoInputRule) {
    EXPECT_TRUE(rules_of(compiled(), "input").empty());
}

TEST_F(Enforce, APublishedPortTheContractDoesNotListIsDroppedAfterTheEnginesDnat) {
    live.services[2].published = {PortMapping::bound(5432, "tcp", "0.0.0.0", 15432)};  // db
    EXPECT_THAT(rules_of(compiled(), "forward"),
                Contains("oifname \"br-data\" ip daddr 172.32.0.4 tcp dport 5432 ct status dnat ct state new drop"));
}

TEST_F(Enforce, APublishedPortTheContractListsIsLeftOpen) {
    EXPECT_THAT(rules_of(compiled(), "forward"), Not(Contains(HasSubstr("ct status dnat"))));
}

TEST_F(Enforce, EveryRuleNamesABridgeOfTheProject) {
    deny_egress_of_data();
    live.services[2].published = {PortMapping::bound(5432, "tcp", "0.0.0.0", 15432)};
    const FirewallTable table = compiled();
    for (const FirewallChain& chain : table.chains) {
        for (const FirewallRule& rule : chain.rules) {
            EXPECT_TRUE(rule.match.find("\"br-front\"") != std::string::npos ||
                        rule.match.find("\"br-back\"") != std::string::npos ||
                        rule.match.find("\"br-data\"") != std::string::npos)
                << rule.match;
        }
    }
}

TEST_F(Enforce, AServiceOnTheHostsNetworkIsRefused) {
    live.services[2].network_mode = "host";
    try {
        compiled();
        FAIL() << "compiled a stack with network_mode host";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("service db runs with network_mode host"));
    }
}

TEST_F(Enforce, ANetworkThatIsNotABridgeIsRefused) {
    live.networks[2].driver = "macvlan";
    live.networks[2].bridge.clear();
    try {
        compiled();
        FAIL() << "compiled a stack on a macvlan network";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("network data (small_data) has driver macvlan"));
    }
}

TEST_F(Enforce, ATableWithIpv6AddressesSaysSoForTheBridgeSettingItNeeds) {
    EXPECT_FALSE(compiled().has_ipv6());
    live.services[1].addresses[0].ipv6 = "fd00:31::3";
    EXPECT_TRUE(compiled().has_ipv6());
}

TEST_F(Enforce, ASidecarsAllowedPortIsAcceptedOnTheAddressOfTheContainerWhoseNamespaceItShares) {
    folder.write("docker-compose.yaml", R"(services:
  web: {image: x, networks: [front, back], expose: ["80"], ports: ["127.0.0.1:8080:80"]}
  api: {image: x, networks: [back, data], expose: ["8080"]}
  metrics: {image: x, network_mode: "service:api", expose: ["9100"]}
  db: {image: x, networks: [data], expose: ["5432"]}
networks: {front: {}, back: {}, data: {}}
)");
    std::ifstream in(folder.path("mesh.yaml"));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    text.replace(text.find("  db: {tier: data}"), 18, "  db: {tier: data}\n  metrics: {tier: app, ports: [9100]}");
    text += "  - {from: web, to: metrics, ports: [9100]}\n";
    folder.write("mesh.yaml", text);
    live.services[1].container_id = "apiid";
    LiveService metrics = meshprobe::testing::running("metrics", {});
    metrics.network_mode = "container:apiid";
    live.services.push_back(metrics);
    live.containers.push_back({"metrics", "metrics", metrics.container_name, "running", "", "container:apiid", 1});
    EXPECT_THAT(rules_of(compiled(), "forward"),
                Contains("iifname \"br-back\" oifname \"br-back\" ip daddr 172.31.0.3 ip saddr 172.31.0.2 meta l4proto { "
                         "tcp, udp } th dport 9100 ct state new accept"));
}
