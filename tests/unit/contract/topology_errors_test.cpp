// Mistakes in tiers, services and flows.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "contract_test_support.h"

namespace meshprobe {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::kMinimalContract;
using testing::load_error;
using testing::ContractFolder;

class TopologyErrors : public ::testing::Test {
protected:
    ContractFolder folder;
    // The minimal contract plus `extra` from line 10 on.
    InputError error_with(const std::string& extra) {
        return load_error(folder, std::string(kMinimalContract) + extra);
    }
    Contract load_with(const std::string& extra) {
        return load_contract(folder.write("mesh.yaml", std::string(kMinimalContract) + extra));
    }
};

TEST_F(TopologyErrors, TierWithoutNetworkIsAnError) {
    InputError error = load_error(folder, "version: 1\ntiers:\n  edge: {egress: allow}\n");
    EXPECT_EQ(error.where().line, 3);
    EXPECT_THAT(error.what(), HasSubstr("tiers.edge needs 'network'"));
}

TEST_F(TopologyErrors, TierWithNothingNeedsANetwork) {
    InputError error = load_error(folder, "version: 1\ntiers:\n  edge:\n");
    EXPECT_EQ(error.where().line, 3);
    EXPECT_THAT(error.what(), HasSubstr("tiers.edge needs 'network'"));
}

TEST_F(TopologyErrors, UnknownTierKeySuggestsTheCloseOne) {
    InputError error =
        load_error(folder, "version: 1\ntiers:\n  edge: {network: e, egres: deny}\n");
    EXPECT_EQ(error.where().line, 3);
    EXPECT_THAT(error.what(),
                HasSubstr("unknown key 'egres' in tiers.edge; did you mean 'egress'?"));
}

TEST_F(TopologyErrors, EgressOtherThanAllowOrDenyIsAnError) {
    InputError error =
        load_error(folder, "version: 1\ntiers:\n  data:\n    network: d\n    egress: dney\n");
    EXPECT_EQ(error.where().line, 5);
    EXPECT_THAT(
        error.what(),
        HasSubstr("tiers.data.egress must be allow or deny, got 'dney'; did you mean 'deny'?"));
}

TEST_F(TopologyErrors, InternalMustBeABoolean) {
    InputError error =
        load_error(folder, "version: 1\ntiers:\n  data: {network: d, internal: sure}\n");
    EXPECT_EQ(error.where().line, 3);
    EXPECT_THAT(error.what(), HasSubstr("tiers.data.internal must be true or false, got 'sure'"));
}

TEST_F(TopologyErrors, InternalReadsYesAndNoAsComposeDoes) {
    Contract contract = load_contract(folder.write("mesh.yaml", "version: 1\ntiers:\n  data: {network: d, internal: yes}\n"
                                                                "  edge: {network: e, internal: Off}\n"));
    EXPECT_TRUE(contract.find_tier("data")->internal);
    EXPECT_FALSE(contract.find_tier("edge")->internal);
}

TEST_F(TopologyErrors, TwoTiersOnOneNetworkIsAnError) {
    InputError error =
        load_error(folder, "version: 1\ntiers:\n  a: {network: n}\n  b: {network: n}\n");
    EXPECT_EQ(error.where().line, 4);
    EXPECT_THAT(error.what(), HasSubstr("network 'n' already belongs to tier 'a' (line 3)"));
}

TEST_F(TopologyErrors, ServiceNamingAnUnknownTierSuggestsTheCloseOne) {
    InputError error = error_with("  cache: {tier: dta}\n");
    EXPECT_EQ(error.where().line, 10);
    EXPECT_THAT(error.what(), HasSubstr("unknown tier 'dta'; did you mean 'data'?"));
}

TEST_F(TopologyErrors, ServiceNamingAFarUnknownTierListsTheTiers) {
    InputError error = error_with("  cache:\n    tier: storage\n");
    EXPECT_EQ(error.where().line, 11);
    EXPECT_THAT(error.what(), HasSubstr("unknown tier 'storage'; the tiers are edge, data"));
}

TEST_F(TopologyErrors, UnknownServiceKeySuggestsTheCloseOne) {
    InputError error = error_with("  cache: {tier: data, port: [6379]}\n");
    EXPECT_EQ(error.where().line, 10);
    EXPECT_THAT(error.what(),
                HasSubstr("unknown key 'port' in services.cache; did you mean 'ports'?"));
}

TEST_F(TopologyErrors, NonIntegerPortIsAnError) {
    InputError error = error_with("  cache: {tier: data, ports: [6379, redis]}\n");
    EXPECT_EQ(error.where().line, 10);
    EXPECT_THAT(
        error.what(),
        HasSubstr("services.cache.ports[1] must be a whole number from 1 to 65535, got 'redis'"));
}

TEST_F(TopologyErrors, PortAboveRangeIsAnError) {
    InputError error = error_with("  cache:\n    ports:\n      - 70000\n");
    EXPECT_EQ(error.where().line, 12);
    EXPECT_THAT(error.what(), HasSubstr("got '70000'"));
}

TEST_F(TopologyErrors, PortZeroIsAnError) {
    InputError error = error_with("  cache: {ports: 0}\n");
    EXPECT_EQ(error.where().line, 10);
    EXPECT_THAT(error.what(),
                HasSubstr("services.cache.ports must be a whole number from 1 to 65535"));
}

TEST_F(TopologyErrors, FractionalPortIsAnError) {
    InputError error = error_with("  cache: {ports: [80.5]}\n");
    EXPECT_THAT(error.what(), HasSubstr("got '80.5'"));
}

TEST_F(TopologyErrors, PortsMayBeOneNumber) {
    EXPECT_THAT(load_with("  cache: {ports: 6379}\n").find_service("cache")->ports,
                ElementsAre(6379));
}

TEST_F(TopologyErrors, PortsNoneSaysTheServiceServesNoPort) {
    const Contract contract = load_with("  worker: {ports: none}\n");
    EXPECT_FALSE(contract.find_service("worker")->listens);
    EXPECT_TRUE(contract.find_service("worker")->ports.empty());
}

TEST_F(TopologyErrors, PortsOtherWordsAreNotNone) {
    InputError error = error_with("  worker: {ports: nothing}\n");
    EXPECT_THAT(error.what(), HasSubstr("services.worker.ports must be a whole number from 1 to 65535"));
}

TEST_F(TopologyErrors, ServiceWithoutTierIsAllowed) {
    EXPECT_EQ(load_with("  cache:\n").find_service("cache")->tier, "");
}

TEST_F(TopologyErrors, TextWhereAListIsExpectedIsAnError) {
    InputError error = error_with("  cache: {aliases: cache.internal}\n");
    EXPECT_EQ(error.where().line, 10);
    EXPECT_THAT(error.what(),
                HasSubstr("services.cache.aliases must be a list, e.g. [cache.internal]"));
}

TEST_F(TopologyErrors, AliasClaimedByTwoServicesIsAnError) {
    InputError error = error_with(
        "  cache: {aliases: [x.internal]}\n  queue:\n    aliases:\n      - x.internal\n");
    EXPECT_EQ(error.where().line, 13);
    EXPECT_THAT(error.what(),
                HasSubstr("alias 'x.internal' is already claimed by service 'cache' (line 10)"));
}

TEST_F(TopologyErrors, AliasListedTwiceIsAnError) {
    InputError error = error_with("  cache: {aliases: [a, a]}\n");
    EXPECT_THAT(error.what(), HasSubstr("alias 'a' is listed twice"));
}

TEST_F(TopologyErrors, AliasNamingAnotherServiceIsAnError) {
    InputError error = error_with("  cache: {aliases: [db]}\n");
    EXPECT_EQ(error.where().line, 10);
    EXPECT_THAT(error.what(),
                HasSubstr("alias 'db' of service 'cache' is the name of another service"));
}

struct BadPublish {
    std::string entry;
    std::string phrase;
};

class PublishErrors : public TopologyErrors, public ::testing::WithParamInterface<BadPublish> {};

TEST_P(PublishErrors, UnparsablePublishEntryIsAnError) {
    InputError error =
        error_with("  cache:\n    publish: [\"80\", \"" + GetParam().entry + "\"]\n");
    EXPECT_EQ(error.where().line, 11);
    EXPECT_THAT(error.what(), HasSubstr("services.cache.publish[1] '" + GetParam().entry + "'"));
    EXPECT_THAT(error.what(), HasSubstr(GetParam().phrase));
}

INSTANTIATE_TEST_SUITE_P(
    Entries, PublishErrors,
    ::testing::Values(BadPublish{"80/tcpx", "protocol 'tcpx' must be tcp or udp"},
                      BadPublish{"http", "'http' is not a port number"},
                      BadPublish{"0.0.0.0:99999", "'99999' is not a port number"},
                      BadPublish{"1.2.3:80", "'1.2.3' is not an IPv4 address"},
                      BadPublish{"::1:80", "IPv6 address goes in brackets"},
                      BadPublish{"[::1]80", "'[address]:port'"},
                      BadPublish{"[::zz]:80", "'::zz' is not an IPv6 address"},
                      BadPublish{"8010-8000", "ends before it starts"},
                      BadPublish{"8080:80", "publish: lists the host port only: write '8080'"},
                      BadPublish{"127.0.0.1:8080:80", "give the host port only"}));

TEST_F(TopologyErrors, FlowWithoutFromIsAnError) {
    InputError error = error_with("flows:\n  - {to: db}\n");
    EXPECT_EQ(error.where().line, 11);
    EXPECT_THAT(error.what(), HasSubstr("flows[0] needs 'from'"));
}

TEST_F(TopologyErrors, FlowWithoutToIsAnError) {
    InputError error =
        error_with("flows:\n  - {from: edge, to: data}\n  - from: proxy\n    ports: [5432]\n");
    EXPECT_EQ(error.where().line, 12);
    EXPECT_THAT(error.what(), HasSubstr("flows[1] needs 'to'"));
}

TEST_F(TopologyErrors, FlowSideNamingNothingKnownIsAnError) {
    InputError error = error_with("flows:\n  - from: edge\n    to: [data, dbb]\n");
    EXPECT_EQ(error.where().line, 12);
    EXPECT_THAT(
        error.what(),
        HasSubstr("flow names 'dbb', which is neither a tier nor a service of the contract or "
                  "its metadata; did you mean 'db'?"));
}

TEST_F(TopologyErrors, FlowSideWithEmptyListIsAnError) {
    InputError error = error_with("flows:\n  - {from: [], to: db}\n");
    EXPECT_EQ(error.where().line, 11);
    EXPECT_THAT(error.what(), HasSubstr("flows[0].from names no tier or service"));
}

TEST_F(TopologyErrors, UnknownFlowKeySuggestsTheCloseOne) {
    InputError error = error_with("flows:\n  - {from: edge, too: db}\n");
    EXPECT_THAT(error.what(), HasSubstr("unknown key 'too' in flows[0]; did you mean 'to'?"));
}

TEST_F(TopologyErrors, FlowPortOutOfRangeIsAnError) {
    InputError error = error_with("flows:\n  - {from: edge, to: db, ports: [5432, 65536]}\n");
    EXPECT_EQ(error.where().line, 11);
    EXPECT_THAT(error.what(),
                HasSubstr("flows[0].ports[1] must be a whole number from 1 to 65535"));
}

TEST_F(TopologyErrors, FlowsMustBeAList) {
    InputError error = error_with("flows:\n  from: edge\n  to: db\n");
    EXPECT_EQ(error.where().line, 11);
    EXPECT_THAT(error.what(), HasSubstr("flows must be a list, not a mapping"));
}

TEST_F(TopologyErrors, FlowSidesMayBeNamesOrLists) {
    Contract contract = load_with("flows:\n  - {from: proxy, to: [data, db], ports: 5432}\n");
    ASSERT_EQ(contract.flows.size(), 1u);
    EXPECT_THAT(contract.flows[0].from, ElementsAre(FlowSide::service("proxy")));
    EXPECT_THAT(contract.flows[0].to, ElementsAre(FlowSide::tier("data"), FlowSide::service("db")));
    EXPECT_THAT(contract.flows[0].ports, ElementsAre(5432));
}

}  // namespace
}  // namespace meshprobe
