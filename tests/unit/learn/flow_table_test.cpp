#include "learn/flow_table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace meshprobe {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

// web 172.20.0.2 and api 172.20.0.3 on one bridge (gateway .1), db on another, and a probe of
// meshprobe's own at 172.20.0.9.
AddressBook stack_book() {
    AddressBook book;
    book.add_service("web", "172.20.0.2");
    book.add_service("api", "172.20.0.3");
    book.add_service("api", "fd00::3");
    book.add_service("db", "172.21.0.2");
    book.add_gateway("172.20.0.1");
    book.add_ignored("172.20.0.9");
    return book;
}

ConnectionEvent tcp(const std::string& from, const std::string& to, int port) { return {"tcp", from, to, port}; }

TEST(FlowTable, CountsRepeatedConnectionsAsOneFlow) {
    FlowTable table;
    for (int i = 0; i < 3; ++i) table.record(tcp("172.20.0.2", "172.20.0.3", 8080), stack_book());
    ASSERT_EQ(table.flows().size(), 1u);
    EXPECT_EQ(table.flows()[0].from, "web");
    EXPECT_EQ(table.flows()[0].to, "api");
    EXPECT_EQ(table.flows()[0].port, 8080);
    EXPECT_EQ(table.flows()[0].connections, 3);
}

TEST(FlowTable, KeepsPortsAndProtocolsApart) {
    FlowTable table;
    table.record(tcp("172.20.0.2", "172.20.0.3", 8080), stack_book());
    table.record(tcp("172.20.0.2", "172.20.0.3", 9090), stack_book());
    table.record({"udp", "172.20.0.2", "172.20.0.3", 8080}, stack_book());
    EXPECT_THAT(table.flows(), ElementsAre(Field(&SeenFlow::protocol, "tcp"), Field(&SeenFlow::protocol, "tcp"),
                                           Field(&SeenFlow::protocol, "udp")));
}

TEST(FlowTable, AttributesEveryAddressOfAServiceToIt) {
    FlowTable table;
    table.record(tcp("172.20.0.2", "172.20.0.3", 80), stack_book());
    table.record(tcp("172.20.0.2", "fd00::3", 80), stack_book());
    ASSERT_EQ(table.flows().size(), 1u);
    EXPECT_EQ(table.flows()[0].connections, 2);
}

TEST(FlowTable, NamesTheHostForAGatewayAddress) {
    FlowTable table;
    table.record(tcp("172.21.0.2", "172.20.0.1", 22), stack_book());
    ASSERT_EQ(table.flows().size(), 1u);
    EXPECT_EQ(table.flows()[0].to, "host");
    EXPECT_EQ(table.flows()[0].to_kind, Peer::Kind::host);
}

TEST(FlowTable, NamesAnOutsideDestinationByItsAddress) {
    FlowTable table;
    table.record(tcp("172.20.0.2", "198.18.0.2", 443), stack_book());
    ASSERT_EQ(table.flows().size(), 1u);
    EXPECT_EQ(table.flows()[0].to, "198.18.0.2");
    EXPECT_EQ(table.flows()[0].to_kind, Peer::Kind::outside);
}

TEST(FlowTable, IgnoresConnectionsFromOutsideTheStack) {
    FlowTable table;
    EXPECT_FALSE(table.record(tcp("192.0.2.7", "172.20.0.3", 8080), stack_book()));
    EXPECT_FALSE(table.record(tcp("172.20.0.1", "172.20.0.3", 8080), stack_book()));
    EXPECT_THAT(table.flows(), IsEmpty());
}

TEST(FlowTable, IgnoresMeshprobesOwnContainers) {
    FlowTable table;
    EXPECT_FALSE(table.record(tcp("172.20.0.9", "172.20.0.3", 8080), stack_book()));
    EXPECT_FALSE(table.record(tcp("172.20.0.2", "172.20.0.9", 8080), stack_book()));
    EXPECT_THAT(table.flows(), IsEmpty());
}

TEST(FlowTable, IgnoresLoopbackAndDockersEmbeddedResolver) {
    FlowTable table;
    EXPECT_FALSE(table.record({"udp", "172.20.0.2", "127.0.0.11", 53}, stack_book()));
    EXPECT_FALSE(table.record(tcp("172.20.0.2", "127.0.0.1", 8080), stack_book()));
    EXPECT_THAT(table.flows(), IsEmpty());
}

TEST(FlowTable, IgnoresAContainerConnectingToItself) {
    FlowTable table;
    EXPECT_FALSE(table.record(tcp("172.20.0.2", "172.20.0.2", 8080), stack_book()));
}

TEST(FlowTable, CountsAReplicaReachingAnotherReplicaOfItsService) {
    AddressBook book = stack_book();
    book.add_service("web", "172.20.0.4");
    FlowTable table;
    EXPECT_TRUE(table.record(tcp("172.20.0.2", "172.20.0.4", 8080), book));
    ASSERT_EQ(table.flows().size(), 1u);
    EXPECT_EQ(table.flows()[0].to, "web");
}

TEST(AddressBook, AMeshprobeContainerOnAServicesOldAddressIsIgnored) {
    AddressBook book = stack_book();
    book.add_ignored("172.20.0.2");
    EXPECT_EQ(book.who("172.20.0.2").kind, Peer::Kind::ignored);
}

}  // namespace
}  // namespace meshprobe
