#include "compose/port_syntax.h"

#include <gtest/gtest.h>

#include "core/errors.h"

namespace meshprobe {
namespace {

const SourceLocation kHere{"ports.yml", 3, 7};

TEST(ShortPort, HostAndContainerPort) {
    const PortMapping p = parse_short_port("8080:80", kHere);
    EXPECT_EQ(p.host_ip, "");
    EXPECT_EQ(p.host_port, 8080);
    EXPECT_EQ(p.host_port_end, 8080);
    EXPECT_EQ(p.container_port, 80);
    EXPECT_EQ(p.container_port_end, 80);
    EXPECT_EQ(p.protocol, "tcp");
    EXPECT_TRUE(p.published);
}

TEST(ShortPort, ContainerPortAloneIsPublishedOnAnEphemeralHostPort) {
    const PortMapping p = parse_short_port("80", kHere);
    EXPECT_EQ(p.host_port, 0);
    EXPECT_EQ(p.container_port, 80);
    EXPECT_TRUE(p.published);
}

TEST(ShortPort, Ipv4HostAddress) {
    const PortMapping p = parse_short_port("127.0.0.1:5432:5432", kHere);
    EXPECT_EQ(p.host_ip, "127.0.0.1");
    EXPECT_EQ(p.host_port, 5432);
    EXPECT_EQ(p.container_port, 5432);
}

TEST(ShortPort, BracketedIpv6HostAddress) {
    const PortMapping p = parse_short_port("[::1]:80:81", kHere);
    EXPECT_EQ(p.host_ip, "::1");
    EXPECT_EQ(p.host_port, 80);
    EXPECT_EQ(p.container_port, 81);
}

TEST(ShortPort, Ipv6AsComposeV1RendersIt) {
    const PortMapping p = parse_short_port("::1:81:82/tcp", kHere);
    EXPECT_EQ(p.host_ip, "::1");
    EXPECT_EQ(p.host_port, 81);
    EXPECT_EQ(p.container_port, 82);
}

TEST(ShortPort, AddressWithEmptyHostPortIsEphemeral) {
    const PortMapping p = parse_short_port("127.0.0.1::9000/tcp", kHere);
    EXPECT_EQ(p.host_ip, "127.0.0.1");
    EXPECT_EQ(p.host_port, 0);
    EXPECT_EQ(p.container_port, 9000);
}

TEST(ShortPort, Ranges) {
    const PortMapping p = parse_short_port("5000-5002:6000-6002", kHere);
    EXPECT_EQ(p.host_port, 5000);
    EXPECT_EQ(p.host_port_end, 5002);
    EXPECT_EQ(p.container_port, 6000);
    EXPECT_EQ(p.container_port_end, 6002);
}

TEST(ShortPort, Protocol) {
    EXPECT_EQ(parse_short_port("53:53/udp", kHere).protocol, "udp");
    EXPECT_EQ(parse_short_port("53/sctp", kHere).protocol, "sctp");
}

TEST(ShortPort, KeepsItsSourceLocation) {
    EXPECT_EQ(parse_short_port("80", kHere).where.line, 3);
}

TEST(ShortPort, RejectsGarbageWithLocation) {
    try {
        parse_short_port("http:80", kHere);
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().line, 3);
        EXPECT_NE(std::string(e.what()).find("ports.yml:3: invalid port 'http:80'"), std::string::npos);
    }
}

TEST(ShortPort, RejectsPortAbove65535) { EXPECT_THROW(parse_short_port("70000", kHere), InputError); }

TEST(ShortPort, RejectsReversedRange) { EXPECT_THROW(parse_short_port("90-80", kHere), InputError); }

TEST(ShortPort, RejectsMissingContainerPort) { EXPECT_THROW(parse_short_port("80:", kHere), InputError); }

TEST(Expose, PlainNumber) { EXPECT_EQ(parse_expose("8000", kHere), std::vector<int>{8000}); }

TEST(Expose, WithProtocol) { EXPECT_EQ(parse_expose("8000/tcp", kHere), std::vector<int>{8000}); }

TEST(Expose, RangeIsExpanded) {
    EXPECT_EQ(parse_expose("8003-8005", kHere), (std::vector<int>{8003, 8004, 8005}));
    EXPECT_EQ(parse_expose("9000-9001/udp", kHere), (std::vector<int>{9000, 9001}));
}

TEST(Expose, RejectsGarbage) { EXPECT_THROW(parse_expose("web", kHere), InputError); }

TEST(PortRange, EmptyTextIsNoPort) {
    const PortRange r = parse_port_range("", kHere);
    EXPECT_EQ(r.first, 0);
    EXPECT_EQ(r.last, 0);
}

}  // namespace
}  // namespace meshprobe
