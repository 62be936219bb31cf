#include "cli/staged_files.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "scratch_folder.h"

using namespace meshprobe;
namespace fs = std::filesystem;

TEST(StagedFiles, WithoutCommitTheDraftsAndTheFoldersItCreatedAreGone) {
    meshprobe::testing::ScratchFolder folder("staged-test");
    {
        StagedFiles staged;
        staged.create_folder(folder.dir() / "a/b");
        staged.add(folder.dir() / "a/b/x.draft", folder.dir() / "a/b/x", "text");
        staged.add_scratch(folder.dir() / "check", "text");
        EXPECT_TRUE(fs::exists(folder.dir() / "a/b/x.draft"));
    }
    EXPECT_TRUE(fs::is_empty(folder.dir()));
}

TEST(StagedFiles, CommitPutsEachDraftInPlaceAndRemovesTheScratch) {
    meshprobe::testing::ScratchFolder folder("staged-test");
    {
        StagedFiles staged;
        staged.create_folder(folder.dir() / "drafts", true);
        staged.add(folder.dir() / "drafts/x", folder.dir() / "x", "new");
        staged.add_scratch(folder.dir() / "check", "text");
        staged.commit();
    }
    EXPECT_TRUE(fs::is_regular_file(folder.dir() / "x"));
    EXPECT_FALSE(fs::exists(folder.dir() / "drafts"));
    EXPECT_FALSE(fs::exists(folder.dir() / "check"));
}

TEST(StagedFiles, AFailedCommitRemovesTheNewFilesItHadPlaced) {
    meshprobe::testing::ScratchFolder folder("staged-test");
    {
        StagedFiles staged;
        staged.add(folder.dir() / "x.draft", folder.dir() / "x", "new");
        staged.add(folder.dir() / "y.draft", folder.dir() / "y", "new");
        fs::remove(folder.dir() / "y.draft");  // the second rename fails
        EXPECT_ANY_THROW(staged.commit());
    }
    EXPECT_TRUE(fs::is_empty(folder.dir()));
}
