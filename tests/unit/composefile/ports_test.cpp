#include <gtest/gtest.h>

#include "core/errors.h"
#include "load_helpers.h"

namespace meshprobe::testing {
namespace {

std::vector<PortMapping> ports_of(const std::string& ports_yaml) {
    ComposeFolder folder;
    folder.write("compose.yaml", "services:\n  web:\n    image: x\n    ports:\n" + ports_yaml);
    return folder.load({"compose.yaml"}).services.at(0).ports;
}

TEST(Ports, ShortSyntaxWithHostAddress) {
    const auto ports = ports_of("      - \"127.0.0.1:8080:80/udp\"\n");
    ASSERT_EQ(ports.size(), 1u);
    EXPECT_EQ(ports[0].host_ip, "127.0.0.1");
    EXPECT_EQ(ports[0].host_port, 8080);
    EXPECT_EQ(ports[0].container_port, 80);
    EXPECT_EQ(ports[0].protocol, "udp");
    EXPECT_EQ(ports[0].where.line, 5);
}

TEST(Ports, BareNumberPublishesOnAnEphemeralHostPort) {
    const auto ports = ports_of("      - 3000\n");
    EXPECT_EQ(ports.at(0).container_port, 3000);
    EXPECT_EQ(ports[0].host_port, 0);
}

// As `docker compose config` renders them: one mapping per port, paired port by port.
TEST(Ports, ARangeIsOneMappingPerPort) {
    const auto ports = ports_of("      - \"9000-9002:8000-8002\"\n");
    ASSERT_EQ(ports.size(), 3u);
    EXPECT_EQ(ports[2].host_port, 9002);
    EXPECT_EQ(ports[2].host_port_end, 9002);
    EXPECT_EQ(ports[2].container_port, 8002);
    EXPECT_EQ(ports[2].container_port_end, 8002);
}

TEST(Ports, AContainerRangeWithoutHostPortsIsEachOnAnEphemeralPort) {
    const auto ports = ports_of("      - \"7000-7001\"\n");
    ASSERT_EQ(ports.size(), 2u);
    EXPECT_EQ(ports[1].container_port, 7001);
    EXPECT_EQ(ports[1].host_port, 0);
}

TEST(Ports, AHostRangeForOnePortStaysOneMapping) {
    const auto ports = ports_of("      - \"8000-8010:80\"\n");
    ASSERT_EQ(ports.size(), 1u);
    EXPECT_EQ(ports[0].host_port_end, 8010);
}

TEST(Ports, RangesOfDifferentLengthsAreAnInputError) {
    EXPECT_THROW(ports_of("      - \"15432-15434:5432-5433\"\n"), InputError);
}

TEST(Ports, BracketedIpv6HostAddress) {
    const auto ports = ports_of("      - \"[::1]:80:80\"\n");
    EXPECT_EQ(ports.at(0).host_ip, "::1");
    EXPECT_EQ(ports[0].host_port, 80);
}

TEST(Ports, LongSyntax) {
    const auto ports = ports_of("      - target: 80\n        published: \"8080\"\n        host_ip: 0.0.0.0\n"
                                "        protocol: tcp\n        mode: host\n");
    EXPECT_EQ(ports.at(0).container_port, 80);
    EXPECT_EQ(ports[0].host_port, 8080);
    EXPECT_EQ(ports[0].host_ip, "0.0.0.0");
}

TEST(Expose, NumbersStringsAndRanges) {
    ComposeFolder folder;
    folder.write("compose.yaml", "services:\n  web:\n    image: x\n    expose: [8000, \"8001/tcp\", \"8003-8004\"]\n");
    EXPECT_EQ(folder.load({"compose.yaml"}).services.at(0).expose, (std::vector<int>{8000, 8001, 8003, 8004}));
}

}  // namespace
}  // namespace meshprobe::testing
