// Compose and env files that are no regular file are refused with what they are, without
// being opened (a FIFO would block the load).
#include <sys/stat.h>

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"
#include "load_helpers.h"

namespace meshprobe::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string load_error(const ComposeFolder& folder, const std::vector<std::string>& names, ComposeInputs inputs = {}) {
    for (const auto& name : names) inputs.files.push_back(folder.path(name));
    try {
        load_compose(inputs);
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

TEST(UnreadableFiles, ComposeFileThatIsAFifoIsRefused) {
    ComposeFolder folder;
    ASSERT_EQ(::mkfifo(folder.path("compose.yaml").c_str(), 0600), 0);
    EXPECT_THAT(load_error(folder, {"compose.yaml"}), HasSubstr("compose.yaml: compose file is not a regular file (a FIFO)"));
}

TEST(UnreadableFiles, ComposeFileThatIsAFolderIsRefused) {
    ComposeFolder folder;
    fs::create_directories(folder.path("compose.yaml"));
    EXPECT_THAT(load_error(folder, {"compose.yaml"}), HasSubstr("compose file is a folder, not a file"));
}

TEST(UnreadableFiles, MissingComposeFileIsNotFound) {
    ComposeFolder folder;
    EXPECT_THAT(load_error(folder, {"compose.yaml"}), HasSubstr("compose.yaml: compose file not found"));
}

TEST(UnreadableFiles, IncludedSymbolicLinkLoopIsNamedAtTheIncludeLine) {
    ComposeFolder folder;
    folder.write("compose.yaml", "include:\n  - loop.yaml\nservices: {}\n");
    fs::create_symlink("loop.yaml", folder.path("loop.yaml"));
    const std::string error = load_error(folder, {"compose.yaml"});
    EXPECT_THAT(error, HasSubstr("compose.yaml:2: compose file '" + folder.path("loop.yaml") + "' is a symbolic link loop"));
}

TEST(UnreadableFiles, EnvFileThatIsAFifoIsRefused) {
    ComposeFolder folder;
    folder.write("compose.yaml", "services: {}\n");
    ASSERT_EQ(::mkfifo(folder.path("app.env").c_str(), 0600), 0);
    ComposeInputs inputs;
    inputs.env_files = {folder.path("app.env")};
    EXPECT_THAT(load_error(folder, {"compose.yaml"}, inputs), HasSubstr("app.env: env file is not a regular file (a FIFO)"));
}

TEST(UnreadableFiles, IncludedEnvFileThatIsAFolderIsNamedAtTheIncludeEntry) {
    ComposeFolder folder;
    folder.write("compose.yaml", "include:\n  - path: other.yaml\n    env_file: env.d\nservices: {}\n");
    folder.write("other.yaml", "services: {}\n");
    fs::create_directories(folder.path("env.d"));
    EXPECT_THAT(load_error(folder, {"compose.yaml"}), HasSubstr("compose.yaml:2: env file '" + folder.path("env.d") + "' is a folder, not a file"));
}

TEST(UnreadableFiles, DefaultDotEnvThatIsAFifoIsRefusedWithoutOpeningIt) {
    // Skipped in silence, it hid a .env the user meant; opened, it would block on a writer.
    ComposeFolder folder;
    folder.write("compose.yaml", "services:\n  web:\n    image: x\n");
    ASSERT_EQ(::mkfifo(folder.path(".env").c_str(), 0600), 0);
    EXPECT_THAT(load_error(folder, {"compose.yaml"}), HasSubstr(folder.path(".env") + ": env file is not a regular file (a FIFO)"));
}

TEST(UnreadableFiles, DefaultDotEnvThatIsAFolderIsLeftAlone) {
    // As compose does: some projects keep their env files in a .env/ folder.
    ComposeFolder folder;
    folder.write("compose.yaml", "services:\n  web:\n    image: x\n");
    fs::create_directories(folder.path(".env"));
    EXPECT_EQ(folder.load({"compose.yaml"}).services.size(), 1u);
}

TEST(UnreadableFiles, DefaultDotEnvThatIsASymbolicLinkLoopIsLeftAlone) {
    // It once escaped as a filesystem_error: exit 3, "internal error".
    ComposeFolder folder;
    folder.write("compose.yaml", "services:\n  web:\n    image: x\n");
    fs::create_symlink(".env", folder.path(".env"));
    EXPECT_EQ(folder.load({"compose.yaml"}).services.size(), 1u);
}

}  // namespace
}  // namespace meshprobe::testing
