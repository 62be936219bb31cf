#include "core/redact.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using meshprobe::redact;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(Redact, HidesTheUserinfoOfAUrl) {
    EXPECT_EQ(redact("https://user:secret@hooks.example.test/issues"), "https://***@hooks.example.test/issues");
}

TEST(Redact, HidesTheQueryAndFragmentOfAUrl) {
    EXPECT_EQ(redact("https://hooks.example.test/x?token=abc&y=1#frag"), "https://hooks.example.test/x?***#***");
}

TEST(Redact, KeepsAUrlWithoutSecretsAsItIs) {
    EXPECT_EQ(redact("unix:///var/run/docker.sock"), "unix:///var/run/docker.sock");
    EXPECT_EQ(redact("tcp://127.0.0.1:2376"), "tcp://127.0.0.1:2376");
}

TEST(Redact, HidesUrlsInsideACommandLine) {
    const std::string line = "meshprobe watch --webhook https://bot:hunter2@ci.example.test/hook --interval 5";
    EXPECT_EQ(redact(line), "meshprobe watch --webhook https://***@ci.example.test/hook --interval 5");
}

TEST(Redact, HidesTheValueOfATokenLikeOption) {
    EXPECT_EQ(redact("tool --token abc123 --verbose"), "tool --token *** --verbose");
    EXPECT_EQ(redact("tool --api-key=abc123"), "tool --api-key=***");
    EXPECT_EQ(redact("tool --github-password hunter2"), "tool --github-password ***");
}

TEST(Redact, HidesTheValueOfATokenLikeVariable) {
    EXPECT_EQ(redact("GITHUB_TOKEN=ghp_abcdef meshprobe run"), "GITHUB_TOKEN=*** meshprobe run");
}

TEST(Redact, HidesAnAuthorizationHeaderValue) {
    EXPECT_THAT(redact("Authorization: Bearer abcdefghijklmnop"), Not(HasSubstr("abcdefghijklmnop")));
}

TEST(Redact, LeavesOrdinaryCommandLinesAlone) {
    const std::string line = "meshprobe -c fixtures/devonboarder/mesh.yaml run --standin --json out.json";
    EXPECT_EQ(redact(line), line);
}
