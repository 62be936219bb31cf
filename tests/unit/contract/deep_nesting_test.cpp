// Nesting past the limit is an InputError at the line where it goes too deep, however deep the
// document goes (a crash or a minute of parsing before was the bug).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "contract_test_support.h"

namespace meshprobe {
namespace {

using ::testing::HasSubstr;
using testing::ContractFolder;
using testing::kMinimalContract;
using testing::load_error;

constexpr int kTooDeep = 100'000;

std::string repeated(const std::string& text, int times) {
    std::string out;
    out.reserve(text.size() * static_cast<size_t>(times));
    for (int i = 0; i < times; ++i) out += text;
    return out;
}

class DeepNesting : public ::testing::Test {
protected:
    ContractFolder folder;
    std::string with_extension(const std::string& value) const {
        return std::string(kMinimalContract) + "x-deep: " + value + "\n";
    }
};

TEST_F(DeepNesting, FlowSequencesAHundredThousandDeepAreRefused) {
    InputError error = load_error(folder, with_extension(repeated("[", kTooDeep) + repeated("]", kTooDeep)));
    EXPECT_EQ(error.where().line, 10);
    EXPECT_THAT(error.what(), HasSubstr("nesting deeper than 256 levels"));
}

TEST_F(DeepNesting, FlowMappingsAHundredThousandDeepAreRefused) {
    InputError error = load_error(folder, with_extension(repeated("{a: ", kTooDeep) + "1" + repeated("}", kTooDeep)));
    EXPECT_THAT(error.what(), HasSubstr("nesting deeper than 256 levels"));
}

TEST_F(DeepNesting, BlockSequencesAHundredThousandDeepAreRefused) {
    InputError error = load_error(folder, with_extension("\n" + repeated("- ", kTooDeep) + "x"));
    EXPECT_EQ(error.where().line, 11);
    EXPECT_THAT(error.what(), HasSubstr("nesting deeper than 256 levels"));
}

TEST_F(DeepNesting, BlockMappingsOneLevelPerLineAreRefused) {
    std::string text = "\n";
    for (int level = 0; level < 300; ++level) text += std::string(static_cast<size_t>(level) * 2 + 2, ' ') + "a:\n";
    InputError error = load_error(folder, with_extension(text));
    EXPECT_THAT(error.what(), HasSubstr("nesting deeper than 256 levels"));
}

TEST_F(DeepNesting, NestingAtTheLimitIsAccepted) {
    // The top-level mapping is one level, `x-deep`'s value the rest.
    folder.write("mesh.yaml", with_extension(repeated("[", 255) + repeated("]", 255)));
    EXPECT_NO_THROW(load_contract(folder.path("mesh.yaml")));
}

TEST_F(DeepNesting, AliasesStackingAnchorsPastTheLimitAreRefused) {
    // Each anchor holds the previous one 100 levels further down: no level of the text is deep.
    std::string text = "\n  a0: &a0 [x]\n";
    for (int i = 1; i <= 5; ++i) {
        text += "  a" + std::to_string(i) + ": &a" + std::to_string(i) + " " + repeated("[", 100) + "*a" +
                std::to_string(i - 1) + repeated("]", 100) + "\n";
    }
    InputError error = load_error(folder, with_extension(text));
    EXPECT_THAT(error.what(), HasSubstr("nesting deeper than 256 levels"));
}

}  // namespace
}  // namespace meshprobe
