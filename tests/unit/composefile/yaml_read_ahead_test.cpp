// A large text is read with libyaml on a second thread (yaml/yaml_events.h): the tree and every
// error must be those of reading on one thread, and an error must stop the reading thread.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "core/errors.h"
#include "yaml/yaml_tree.h"

namespace meshprobe {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;

// A mapping of `count` services, a line each: well past the size read ahead (256 KiB) at 10,000.
std::string services(int count) {
    std::string text = "services:\n";
    for (int i = 0; i < count; ++i)
        text += "  svc-" + std::to_string(i) + ": {image: \"img:" + std::to_string(i) + "\", ports: [80, 443]}\n";
    return text;
}

std::string error_of(const std::string& text) {
    try {
        parse_yaml(text, "big.yaml");
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

TEST(YamlReadAhead, ALargeDocumentIsReadWhole) {
    const auto doc = parse_yaml(services(10000), "big.yaml");
    const YamlNode* all = doc->root.find("services");
    ASSERT_NE(all, nullptr);
    ASSERT_EQ(all->entries.size(), 10000u);
    const YamlNode& last = all->entries.back().value;
    EXPECT_EQ(last.find("image")->scalar, "img:9999");
    EXPECT_TRUE(last.find("image")->quoted);
    EXPECT_EQ(last.find("ports")->items.at(1).scalar, "443");
    EXPECT_EQ(all->entries.back().key.where().str(), "big.yaml:10001");
}

TEST(YamlReadAhead, ASyntaxErrorAtTheEndIsReportedAtItsLine) {
    EXPECT_THAT(error_of(services(10000) + "broken: [1, 2\n"), HasSubstr("big.yaml:10003"));
}

TEST(YamlReadAhead, AnErrorOfTheTreeStopsTheReadingEarly) {
    // A duplicate key in the first mapping closed: the rest is never built.
    EXPECT_THAT(error_of("x: {a: 1, a: 2}\n" + services(20000)), ContainsRegex("big.yaml:1[^0-9].*duplicate key"));
}

TEST(YamlReadAhead, NestingTooDeepIsRefused) {
    const std::string deep(20000, '[');
    EXPECT_THAT(error_of(services(10000) + "deep: " + deep + std::string(20000, ']') + "\n"),
                HasSubstr("nesting deeper than 256 levels"));
}

}  // namespace
}  // namespace meshprobe
