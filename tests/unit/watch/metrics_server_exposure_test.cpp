// --metrics beyond loopback serves the stack's state to whoever reaches the host: watch says so.
#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "watch/metrics_server.h"

namespace meshprobe::watch {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Optional;

std::optional<std::string> warning_for(const std::string& text) { return exposure_warning(parse_listen_address(text)); }

TEST(ExposureWarning, SaysNothingForLoopback) {
    for (const char* text : {"127.0.0.1:9464", "127.1.2.3:9464", "[::1]:9464", "[::ffff:127.0.0.1]:9464"})
        EXPECT_EQ(warning_for(text), std::nullopt) << text;
}

TEST(ExposureWarning, SaysThatTheIpv4AnyAddressServesEveryNetwork) {
    EXPECT_EQ(warning_for("0.0.0.0:9464"),
              "metrics on 0.0.0.0:9464 are served to every network this host is on; use 127.0.0.1 unless a "
              "scraper elsewhere needs them");
}

TEST(ExposureWarning, SaysThatTheIpv6AnyAddressServesEveryNetwork) {
    EXPECT_THAT(warning_for("[::]:9464"), Optional(HasSubstr("metrics on [::]:9464 are served to every network")));
}

TEST(ExposureWarning, NamesTheAddressOfAnotherInterface) {
    EXPECT_THAT(warning_for("192.0.2.10:9464"),
                Optional(HasSubstr("metrics on 192.0.2.10:9464 are served to every machine that reaches 192.0.2.10")));
}

TEST(ExposureWarning, ServerPrintsItOnStderrForTheAnyAddressWithTheBoundPort) {
    Metrics metrics;
    ::testing::internal::CaptureStderr();
    std::optional<MetricsServer> server;
    server.emplace(metrics, parse_listen_address("0.0.0.0:0"));
    const std::string printed = ::testing::internal::GetCapturedStderr();
    EXPECT_THAT(printed, HasSubstr("meshprobe: warning: metrics on 0.0.0.0:" + std::to_string(server->port()) +
                                   " are served to every network this host is on"));
}

TEST(ExposureWarning, ServerPrintsNothingForLoopback) {
    Metrics metrics;
    ::testing::internal::CaptureStderr();
    { MetricsServer server(metrics, parse_listen_address("127.0.0.1:0")); }
    EXPECT_THAT(::testing::internal::GetCapturedStderr(), IsEmpty());
}

}  // namespace
}  // namespace meshprobe::watch
