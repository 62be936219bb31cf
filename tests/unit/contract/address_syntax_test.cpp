#include <gtest/gtest.h>

#include "contract/address_syntax.h"

namespace meshprobe {
namespace {

TEST(ParsePublish, BarePortIsTcpOnEveryAddress) {
    PublishRule rule = parse_publish("8080").at(0);
    EXPECT_EQ(rule.host_ip, "");
    EXPECT_EQ(rule.port, 8080);
    EXPECT_EQ(rule.protocol, "tcp");
}

TEST(ParsePublish, ReadsIpv4HostAndProtocol) {
    PublishRule rule = parse_publish("127.0.0.1:53/udp").at(0);
    EXPECT_EQ(rule.host_ip, "127.0.0.1");
    EXPECT_EQ(rule.port, 53);
    EXPECT_EQ(rule.protocol, "udp");
}

TEST(ParsePublish, ReadsBracketedIpv6HostWithoutTheBrackets) {
    PublishRule rule = parse_publish("[::1]:443/tcp").at(0);
    EXPECT_EQ(rule.host_ip, "::1");
    EXPECT_EQ(rule.port, 443);
}

TEST(ParsePublish, ARangeGivesOneRuleAPort) {
    std::vector<PublishRule> rules = parse_publish("127.0.0.1:6000-6002/udp");
    ASSERT_EQ(rules.size(), 3u);
    EXPECT_EQ(rules[0].port, 6000);
    EXPECT_EQ(rules[2].port, 6002);
    EXPECT_EQ(rules[2].host_ip, "127.0.0.1");
    EXPECT_EQ(rules[2].protocol, "udp");
    EXPECT_THROW(parse_publish("6002-6000"), SyntaxError);
}

TEST(ParsePublish, ComposesHostContainerFormSaysToWriteTheHostPort) {
    try {
        parse_publish("8080:80");
        FAIL() << "no error";
    } catch (const SyntaxError& e) {
        EXPECT_NE(std::string(e.what()).find("write '8080'"), std::string::npos) << e.what();
    }
}

TEST(ParsePublish, RejectsUnbracketedIpv6) {
    EXPECT_THROW(parse_publish("::1:80"), SyntaxError);
}

TEST(ParsePublish, RejectsEmptyText) {
    EXPECT_THROW(parse_publish(""), SyntaxError);
}

TEST(ParsePublish, RejectsLeadingSign) {
    EXPECT_THROW(parse_publish("+80"), SyntaxError);
}

TEST(ParseEgressTarget, PortDefaultsTo80) {
    EgressTarget target = parse_egress_target("example.org");
    EXPECT_EQ(target.host, "example.org");
    EXPECT_EQ(target.port, 80);
    EXPECT_EQ(target.str(), "example.org:80");
}

TEST(ParseEgressTarget, ReadsIpv4AndPort) {
    EgressTarget target = parse_egress_target("198.18.0.2:9000");
    EXPECT_EQ(target.host, "198.18.0.2");
    EXPECT_EQ(target.port, 9000);
}

TEST(ParseEgressTarget, AcceptsSingleLabelNames) {
    EXPECT_EQ(parse_egress_target("outside:8080").host, "outside");
}

TEST(ParseEgressTarget, RejectsLabelsWithEdgeHyphens) {
    EXPECT_THROW(parse_egress_target("-bad.example"), SyntaxError);
}

TEST(ParseEgressTarget, RejectsEmptyPort) {
    EXPECT_THROW(parse_egress_target("host:"), SyntaxError);
}

}  // namespace
}  // namespace meshprobe
