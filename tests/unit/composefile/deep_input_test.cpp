// Input that would make the loader recurse without end is refused with an InputError at its
// line: nesting, `${...}` inside `${...}`, long `extends` and `include` chains.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"
#include "load_helpers.h"

namespace meshprobe::testing {
namespace {

using ::testing::HasSubstr;

std::string repeated(const std::string& text, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += text;
    return out;
}

std::string load_error(const ComposeFolder& folder, const std::string& name) {
    try {
        folder.load({name});
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

TEST(DeepInput, NestingAHundredThousandLevelsIsRefusedAtItsLine) {
    ComposeFolder folder;
    folder.write("compose.yaml", "services:\n  web:\n    image: x\n    labels: " + repeated("[", 100'000) +
                                     repeated("]", 100'000) + "\n");
    EXPECT_THAT(load_error(folder, "compose.yaml"), HasSubstr("compose.yaml:4: nesting deeper than 256 levels"));
}

TEST(DeepInput, InterpolationNestedAHundredThousandLevelsIsRefused) {
    ComposeFolder folder;
    folder.write("compose.yaml", "services:\n  web:\n    image: \"" + repeated("${A:-", 100'000) + "x" +
                                     repeated("}", 100'000) + "\"\n");
    EXPECT_THAT(load_error(folder, "compose.yaml"), HasSubstr("compose.yaml:3: '${' nested deeper than 64 levels"));
}

TEST(DeepInput, InterpolationNestedAFewLevelsStillWorks) {
    ComposeFolder folder;
    folder.write("compose.yaml", "services:\n  web:\n    image: \"${A:-${B:-${C:-app}}}\"\n");
    EXPECT_EQ(folder.load({"compose.yaml"}).services.at(0).image, "app");
}

TEST(DeepInput, ExtendsChainOfAThousandServicesIsRefused) {
    ComposeFolder folder;
    // The first service is resolved first, through every one after it.
    std::string text = "services:\n";
    for (int i = 0; i < 999; ++i) text += "  s" + std::to_string(i) + ":\n    extends: s" + std::to_string(i + 1) + "\n";
    text += "  s999:\n    image: x\n";
    folder.write("compose.yaml", text);
    EXPECT_THAT(load_error(folder, "compose.yaml"), HasSubstr("extends chain longer than 64 services"));
}

TEST(DeepInput, DependsOnChainOfTwoHundredThousandServicesLoads) {
    // The cycle search once recursed along the chain and overflowed the stack.
    ComposeFolder folder;
    constexpr int kServices = 200'000;
    std::string text = "services:\n";
    for (int i = 0; i + 1 < kServices; ++i)
        text += "  s" + std::to_string(i) + ": {image: x, depends_on: [s" + std::to_string(i + 1) + "]}\n";
    text += "  s" + std::to_string(kServices - 1) + ": {image: x}\n";
    folder.write("compose.yaml", text);
    EXPECT_EQ(folder.load({"compose.yaml"}).services.size(), static_cast<size_t>(kServices));
}

TEST(DeepInput, DependsOnCycleAtTheEndOfALongChainIsFound) {
    ComposeFolder folder;
    std::string text = "services:\n";
    for (int i = 0; i < 1000; ++i)
        text += "  s" + std::to_string(i) + ": {image: x, depends_on: [s" + std::to_string(i + 1) + "]}\n";
    text += "  s1000: {image: x, depends_on: [s500]}\n";
    folder.write("compose.yaml", text);
    EXPECT_THAT(load_error(folder, "compose.yaml"), HasSubstr("depends_on cycle: 's1000' depends on 's500'"));
}

TEST(DeepInput, IncludeChainOfAHundredFilesIsRefused) {
    ComposeFolder folder;
    for (int i = 0; i < 100; ++i)
        folder.write("f" + std::to_string(i) + ".yaml", "include: [f" + std::to_string(i + 1) + ".yaml]\n");
    folder.write("f100.yaml", "services: {}\n");
    EXPECT_THAT(load_error(folder, "f0.yaml"), HasSubstr("includes nested deeper than 64 files"));
}

}  // namespace
}  // namespace meshprobe::testing
