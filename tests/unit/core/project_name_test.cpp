#include "core/project_name.h"

#include <string>

#include <gtest/gtest.h>

using meshprobe::kMaxProjectNameLength;
using meshprobe::valid_project_name;

TEST(ValidProjectName, AcceptsComposeProjectNames) {
    EXPECT_TRUE(valid_project_name("devonboarder"));
    EXPECT_TRUE(valid_project_name("my_app-2"));
    EXPECT_TRUE(valid_project_name("0day"));
}

TEST(ValidProjectName, RefusesAPathThatTraverses) {
    EXPECT_FALSE(valid_project_name("../../tmp/x"));
    EXPECT_FALSE(valid_project_name("a/b"));
    EXPECT_FALSE(valid_project_name(".."));
}

TEST(ValidProjectName, RefusesWhatComposeRefuses) {
    EXPECT_FALSE(valid_project_name(""));
    EXPECT_FALSE(valid_project_name("-leading-dash"));
    EXPECT_FALSE(valid_project_name("_leading_underscore"));
    EXPECT_FALSE(valid_project_name("Upper"));
    EXPECT_FALSE(valid_project_name("with space"));
    EXPECT_FALSE(valid_project_name(std::string("nul\0byte", 8)));
}

TEST(ValidProjectName, RefusesANameTooLongForALockFile) {
    EXPECT_TRUE(valid_project_name(std::string(kMaxProjectNameLength, 'a')));
    EXPECT_FALSE(valid_project_name(std::string(kMaxProjectNameLength + 1, 'a')));
}
