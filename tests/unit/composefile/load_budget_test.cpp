#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "composefile/file_loader.h"
#include "core/errors.h"
#include "scratch_folder.h"

namespace meshprobe::testing {
namespace {

using ::testing::HasSubstr;

std::string budget_error(const ScratchFolder& folder, const LoadLimits& limits) {
    FileLoader loader({}, {}, limits);
    try {
        loader.load(folder.path("compose.yaml"));
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

TEST(LoadBudget, TheFileLimitIsNamedAtTheIncludeThatWentOver) {
    ScratchFolder folder;
    folder.write("compose.yaml", "include:\n  - a.yaml\n  - b.yaml\n");
    folder.write("a.yaml", "services: {}\n");
    folder.write("b.yaml", "services: {}\n");
    EXPECT_THAT(budget_error(folder, LoadLimits{2, 1 << 20, 100}),
                HasSubstr("compose.yaml:3: the compose files include more than 2 files (the limit for one project)"));
}

TEST(LoadBudget, AFileIncludedTwiceIsReadOnceButExpandsTwice) {
    ScratchFolder folder;
    folder.write("compose.yaml", "include:\n  - a.yaml\n  - a.yaml\n");
    folder.write("a.yaml", "services:\n  web: {image: x}\n");
    // Two files (read once each) fit; four expansions (two entries, one service each) do not fit three.
    EXPECT_THAT(budget_error(folder, LoadLimits{2, 1 << 20, 3}),
                HasSubstr("compose.yaml:3: include and extends expand to more than 3 references"));
}

TEST(LoadBudget, TheByteLimitCountsEveryFileTogether) {
    ScratchFolder folder;
    folder.write("compose.yaml", "include:\n  - a.yaml\n");
    folder.write("a.yaml", "services: {}\n#" + std::string(1 << 20, '#') + "\n");
    EXPECT_THAT(budget_error(folder, LoadLimits{10, 1 << 20, 100}),
                HasSubstr("compose.yaml:2: the compose files are larger than 1 MiB together"));
}

}  // namespace
}  // namespace meshprobe::testing
