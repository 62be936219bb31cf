#include "yaml/yaml_tree.h"

#include <gtest/gtest.h>

#include "core/errors.h"

namespace meshprobe {
namespace {

TEST(YamlTree, NodesRememberFileAndLine) {
    const auto doc = parse_yaml("a: 1\nb:\n  c: x\n", "f.yaml");
    const YamlNode* c = doc->root.find("b")->find("c");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->where().str(), "f.yaml:3");
}

TEST(YamlTree, MergeKeysAddKeysThatAreNotWrittenExplicitly) {
    const auto doc = parse_yaml("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n", "f.yaml");
    const YamlNode* use = doc->root.find("use");
    EXPECT_EQ(use->find("x")->scalar, "1");
    EXPECT_EQ(use->find("y")->scalar, "3");
    EXPECT_EQ(use->find("<<"), nullptr);
}

TEST(YamlTree, MergeKeyListGivesEarlierMappingsPrecedence) {
    const auto doc = parse_yaml("a: &a {x: 1}\nb: &b {x: 2, y: 2}\nuse:\n  <<: [*a, *b]\n", "f.yaml");
    EXPECT_EQ(doc->root.find("use")->find("x")->scalar, "1");
    EXPECT_EQ(doc->root.find("use")->find("y")->scalar, "2");
}

TEST(YamlTree, QuotedScalarsAreMarked) {
    const auto doc = parse_yaml("a: \"1\"\nb: 1\n", "f.yaml");
    EXPECT_TRUE(doc->root.find("a")->quoted);
    EXPECT_FALSE(doc->root.find("b")->quoted);
}

TEST(YamlTree, SyntaxErrorIsAnInputErrorWithTheLine) {
    try {
        parse_yaml("a: 1\nb: [1, 2\n", "f.yaml");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().file, "f.yaml");
        EXPECT_GT(e.where().line, 0);
    }
}

TEST(YamlTree, DuplicateKeyIsAnInputError) { EXPECT_THROW(parse_yaml("a: 1\na: 2\n", "f.yaml"), InputError); }

TEST(YamlTree, AliasBombIsRefused) {
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 9; ++i) {
        text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
        for (int j = 0; j < 10; ++j) text += std::string(j ? ", " : "") + "*a" + std::to_string(i - 1);
        text += "]\n";
    }
    EXPECT_THROW(parse_yaml(text, "bomb.yaml"), InputError);
}

}  // namespace
}  // namespace meshprobe
