// A check's ends are typed; its id is formatted from them exactly as docs/runtime.md spells it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "core/check.h"

using namespace meshprobe;

namespace {

Check check_of(Suite suite, Endpoint from, Endpoint to) {
    Check check;
    check.suite = suite;
    check.from = std::move(from);
    check.to = std::move(to);
    return check;
}

TEST(CheckId, ReachIsSuiteFromArrowServiceAndPort) {
    EXPECT_EQ(check_of(Suite::reach, Endpoint::service("backend"), Endpoint::service("db", 5432)).id(),
              "reach:backend->db:5432");
}

TEST(CheckId, ReplicaIsNamedWithItsNumber) {
    EXPECT_EQ(check_of(Suite::reach, Endpoint::replica_of("web", 2), Endpoint::replica_of("db", 1, 5432)).id(),
              "reach:web#2->db#1:5432");
}

TEST(CheckId, IsolationStandsOnATier) {
    EXPECT_EQ(check_of(Suite::isolation, Endpoint::tier("data"), Endpoint::service("api", 80)).id(),
              "isolation:data->api:80");
}

TEST(CheckId, DnsAimsAtAName) {
    EXPECT_EQ(check_of(Suite::dns, Endpoint::service("api"), Endpoint::dns_name("db.internal")).id(),
              "dns:api->db.internal");
}

TEST(CheckId, EgressNamesGatewaysTargetsAndTheOutsideHost) {
    EXPECT_EQ(check_of(Suite::egress, Endpoint::tier("data"), Endpoint::gateway("bridge")).id(), "egress:data->gateway:bridge");
    EXPECT_EQ(check_of(Suite::egress, Endpoint::tier("data"), Endpoint::gateway("net", "fd00::1")).id(),
              "egress:data->gateway:net/fd00::1");
    EXPECT_EQ(check_of(Suite::egress, Endpoint::service("db"), Endpoint::address("198.18.0.2", 80)).id(),
              "egress:db->198.18.0.2:80");
    EXPECT_EQ(check_of(Suite::egress, Endpoint::tier("edge"), Endpoint::outside()).id(), "egress:edge->outside");
}

TEST(CheckId, StackIsTheServiceAloneAndAnUndeclaredContainerIsMarked) {
    EXPECT_EQ(check_of(Suite::stack, Endpoint::engine(), Endpoint::service("db")).id(), "stack:db");
    EXPECT_EQ(check_of(Suite::stack, Endpoint::engine(), Endpoint::container("intruder")).id(), "stack:undeclared:intruder");
}

TEST(CheckId, PortsNamesTheProtocolUnlessTcp) {
    Endpoint dns = Endpoint::service("dns", 53);
    EXPECT_EQ(check_of(Suite::ports, Endpoint::host(), dns).id(), "ports:dns:53");
    dns.protocol = "udp";
    EXPECT_EQ(check_of(Suite::ports, Endpoint::host(), dns).id(), "ports:dns:53/udp");
}

TEST(CheckFormat, FmtPrintsEndpointsAndEnumsInTheReportsWords) {
    EXPECT_EQ(fmt::format("{} {} {} {}", Endpoint::replica_of("db", 2, 5432), Suite::isolation, Reach::blocked,
                          Verdict::fail),
              "db#2:5432 isolation blocked fail");
}

TEST(CheckDisagrees, OnlyWhenBothSidesSaySomethingDifferent) {
    Check check;
    check.predicted = Reach::reachable;
    EXPECT_FALSE(check.disagrees());
    check.seen = Reach::reachable;
    EXPECT_FALSE(check.disagrees());
    check.seen = Reach::blocked;
    EXPECT_TRUE(check.disagrees());
}

}  // namespace
