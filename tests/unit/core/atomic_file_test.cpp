#include "core/atomic_file.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"
#include "scratch_folder.h"

namespace fs = std::filesystem;
using meshprobe::testing::ScratchFolder;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

namespace {

std::string content(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST(WriteFileAtomically, CreatesANewFile) {
    ScratchFolder scratch;
    meshprobe::write_file_atomically(scratch.path("out.json"), "{}\n");
    EXPECT_EQ(content(scratch.path("out.json")), "{}\n");
    EXPECT_EQ(names_in(scratch.dir()), std::vector<std::string>{"out.json"});
}

TEST(WriteFileAtomically, ReplacesAnExistingFileWhole) {
    ScratchFolder scratch;
    scratch.write("out.txt", "an old and much longer text\n");
    meshprobe::write_file_atomically(scratch.path("out.txt"), "new\n");
    EXPECT_EQ(content(scratch.path("out.txt")), "new\n");
}

TEST(WriteFileAtomically, ReplacesASymlinkAndLeavesItsPointeeAlone) {
    ScratchFolder scratch;
    const std::string pointee = scratch.write("elsewhere/precious", "precious\n");
    fs::create_symlink(pointee, scratch.path("out.md"));
    meshprobe::write_file_atomically(scratch.path("out.md"), "report\n");
    EXPECT_FALSE(fs::is_symlink(scratch.path("out.md")));
    EXPECT_EQ(content(scratch.path("out.md")), "report\n");
    EXPECT_EQ(content(pointee), "precious\n");
}

TEST(WriteFileAtomically, KeepsTheTargetsPermissions) {
    ScratchFolder scratch;
    scratch.write("out.txt", "old\n");
    fs::permissions(scratch.path("out.txt"), fs::perms::owner_read | fs::perms::owner_write);
    meshprobe::write_file_atomically(scratch.path("out.txt"), "new\n");
    EXPECT_EQ(fs::status(scratch.path("out.txt")).permissions(), fs::perms::owner_read | fs::perms::owner_write);
}

TEST(WriteFileAtomically, FailsWithTheTargetNamedAndLeavesNoTemporaryFile) {
    ScratchFolder scratch;
    fs::create_directory(scratch.path("a-folder"));
    try {
        meshprobe::write_file_atomically(scratch.path("a-folder"), "text\n");
        FAIL() << "a folder was overwritten";
    } catch (const meshprobe::InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("cannot write " + scratch.path("a-folder")));
    }
    EXPECT_EQ(names_in(scratch.dir()), std::vector<std::string>{"a-folder"});
    EXPECT_THAT(names_in(scratch.path("a-folder")), IsEmpty());
}

TEST(WriteFileAtomically, FailsInAMissingFolder) {
    ScratchFolder scratch;
    EXPECT_THROW(meshprobe::write_file_atomically(scratch.path("missing/out.txt"), "text\n"), meshprobe::InputError);
}

TEST(WriteNewFile, RefusesToWriteThroughASymlink) {
    ScratchFolder scratch;
    const std::string pointee = scratch.write("precious", "precious\n");
    fs::create_symlink(pointee, scratch.path("draft"));
    EXPECT_THROW(meshprobe::write_new_file(scratch.path("draft"), "text\n"), meshprobe::InputError);
    EXPECT_EQ(content(pointee), "precious\n");
}

TEST(WriteNewFile, RefusesAFileThatExists) {
    ScratchFolder scratch;
    scratch.write("draft", "old\n");
    EXPECT_THROW(meshprobe::write_new_file(scratch.path("draft"), "text\n"), meshprobe::InputError);
    EXPECT_EQ(content(scratch.path("draft")), "old\n");
}
