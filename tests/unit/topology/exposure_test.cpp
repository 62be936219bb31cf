#include "topology/exposure.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace meshprobe;

// Recorded from this machine's /proc/net/tcp and tcp6 (ports changed), one line of each kind.
TEST(HostListeners, ListeningTcpSocketsAreReadWithTheirAddressAndPort) {
    const std::string tcp =
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
        "   0: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1149 1 0 100 0 0 10 0\n"
        "   1: 0100007F:1F9A 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1150 1 0 100 0 0 10 0\n"
        "   2: 0100007F:9C40 0100007F:1F9A 01 00000000:00000000 00:00000000 00000000     0        0 1151 1 0 100 0 0 10 0\n";
    const std::vector<HostListener> found = parse_proc_net(tcp, "tcp", false);
    ASSERT_EQ(found.size(), 2u);  // the established connection is no listener
    EXPECT_EQ(found[0].address, "0.0.0.0");
    EXPECT_EQ(found[0].port, 80);
    EXPECT_EQ(found[1].address, "127.0.0.1");
    EXPECT_EQ(found[1].port, 8090);
}

TEST(HostListeners, Ipv6AddressesAreReadFromTheirFourWords) {
    const std::string tcp6 =
        "  sl  local_address                         remote_address                        st\n"
        "   0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 0 0 0\n"
        "   1: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 0 0 0\n";
    const std::vector<HostListener> found = parse_proc_net(tcp6, "tcp", true);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].address, "::");
    EXPECT_EQ(found[1].address, "::1");
    EXPECT_EQ(found[1].port, 22);
}

TEST(HostListeners, OnlyUnconnectedUdpSocketsCount) {
    const std::string udp =
        "   sl  local_address rem_address   st\n"
        "  1: 00000000:14E9 00000000:0000 07 0 0\n"
        "  2: 0100007F:14EA 0100007F:0035 01 0 0\n";
    const std::vector<HostListener> found = parse_proc_net(udp, "udp", false);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].port, 5353);
}

namespace {
const std::string kHostV4 = "198.19.0.1";
const std::string kHostV6 = "2001:db8:6d70::1";

std::string lan_target(const std::string& host_ip, const std::string& protocol = "tcp", int host_port = 5432) {
    std::string why;
    const std::string address = lan_address(PortMapping::bound(5432, protocol, host_ip, host_port), kHostV4, kHostV6, why);
    return address.empty() ? "not probed: " + why : address;
}

Exposure loopback_exposure() {
    return Exposure{"traefik", "edge", PortMapping::bound(8080, "tcp", "127.0.0.1", 8090), true, {}, {"loopback only"}, {}};
}
}  // namespace

TEST(LanProbe, AllInterfaceBindingsAreProbedAtTheHostsAddressOnTheLinkOfTheirFamily) {
    EXPECT_EQ(lan_target("0.0.0.0"), kHostV4);
    EXPECT_EQ(lan_target(""), kHostV4);
    EXPECT_EQ(lan_target("::"), kHostV6);
}

TEST(LanProbe, LoopbackBindingsAreProbedAtTheLinkAddressWhereTheLanWouldKnock) {
    EXPECT_EQ(lan_target("127.0.0.1"), kHostV4);
    EXPECT_EQ(lan_target("::1"), kHostV6);
}

TEST(LanProbe, ABindingToOneHostAddressIsProbedThere) { EXPECT_EQ(lan_target("192.0.2.10"), "192.0.2.10"); }

TEST(LanProbe, UdpAndIpv6WithoutIpv6AreNotProbedAndSayWhy) {
    EXPECT_THAT(lan_target("0.0.0.0", "udp"), testing::HasSubstr("UDP has no handshake"));
    std::string why;
    EXPECT_EQ(lan_address(PortMapping::bound(80, "tcp", "::", 80), kHostV4, "", why), "");
    EXPECT_THAT(why, testing::HasSubstr("no IPv6"));
}

TEST(LanProbe, ALoopbackBindingTheLanReachesBreaksTheContract) {
    Exposure e = loopback_exposure();
    judge_lan_reach(e, LanReach{"198.19.0.1:8090", "connected", true, true});
    EXPECT_FALSE(e.allowed);
    EXPECT_THAT(e.why, testing::HasSubstr("yet the LAN reaches it at 198.19.0.1:8090"));
}

TEST(LanProbe, ALoopbackBindingTheLanCannotReachStaysAllowed) {
    Exposure e = loopback_exposure();
    judge_lan_reach(e, LanReach{"198.19.0.1:8090", "refused", false, true});
    EXPECT_TRUE(e.allowed);
    ASSERT_TRUE(e.lan.has_value());
    EXPECT_EQ(e.lan->outcome, "refused");
}

// The words of a publish verdict: one function that MESH006, audit, docs, watch and run's
// ports suite all print.
namespace {

Contract publish_contract() {
    Contract contract;
    contract.tiers.push_back(Tier{"edge", "edge_net", false, Egress::allow, {}});
    contract.tiers.push_back(Tier{"data", "data_net", true, Egress::deny, {}});
    ServiceSpec web;
    web.name = "web";
    web.tier = "edge";
    web.publish = {PublishRule{"", 80, "tcp", {}}, PublishRule{"127.0.0.1", 8090, "tcp", {}}};
    ServiceSpec db;
    db.name = "db";
    db.tier = "data";
    contract.services = {web, db};
    return contract;
}

std::vector<std::string> refusals(const std::string& service, const PortMapping& port) {
    return publish_refusals(publish_contract(), service, port);
}

}  // namespace

TEST(PublishVerdict, AListedPortHasNoRefusal) {
    EXPECT_THAT(refusals("web", PortMapping::bound(80, "tcp", "", 80)), ::testing::IsEmpty());
}

TEST(PublishVerdict, AnUnlistedPortIsRefusedByNumberAndProtocol) {
    EXPECT_THAT(refusals("web", PortMapping::bound(443, "tcp", "", 443)),
                ::testing::ElementsAre("the contract does not list 443/tcp in web's publish"));
}

TEST(PublishVerdict, ALoopbackPortOnAllAddressesNamesTheAddressTheContractAllows) {
    EXPECT_THAT(refusals("web", PortMapping::bound(8080, "tcp", "0.0.0.0", 8090)),
                ::testing::ElementsAre("the contract allows 8090/tcp only on 127.0.0.1"));
}

TEST(PublishVerdict, ADataTierRefusesARangeOnce) {
    PortMapping range = PortMapping::bound(5432, "tcp", "", 5432);
    range.host_port_end = 5434;
    EXPECT_THAT(refusals("db", range), ::testing::ElementsAre("tier data is internal, so nothing in it may be published"));
}

TEST(PublishVerdict, ARandomPortInADataTierGivesBothReasons) {
    EXPECT_THAT(refusals("db", PortMapping::bound(5432, "tcp", "", 0)),
                ::testing::ElementsAre("tier data is internal, so nothing in it may be published",
                                       "a random host port is never in the contract's publish list"));
}

TEST(PublishVerdict, AnUndescribedServiceIsSaidToBeUndescribed) {
    EXPECT_THAT(refusals("cache", PortMapping::bound(6379, "tcp", "", 6379)),
                ::testing::ElementsAre("the contract does not describe cache"));
}

TEST(PublishVerdict, ExposuresCarryTheSameWordsAsTheRule) {
    Topology topology;
    TopologyService web;
    web.name = "web";
    web.tier = "edge";
    web.published = {PortMapping::bound(8080, "tcp", "", 8090)};
    topology.services = {web};
    const std::vector<Exposure> found = exposures_of(topology, publish_contract());
    ASSERT_EQ(found.size(), 1u);
    EXPECT_FALSE(found[0].allowed);
    EXPECT_EQ(found[0].why, "the contract allows 8090/tcp only on 127.0.0.1");
    EXPECT_EQ(refused_publish_text(found[0].service, found[0].port, found[0].why),
              "web publishes 8090 on all addresses (container 8080/tcp): the contract allows 8090/tcp only on 127.0.0.1");
}
