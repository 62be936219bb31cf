// A contract path that names no readable file: each kind of mistake gets its own message, and
// nothing is opened that could block (a FIFO) or never end (/dev/zero).
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "contract_test_support.h"
#include "core/user_file.h"

namespace meshprobe {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::ContractFolder;
using testing::load_error_from;

class ContractPathErrors : public ::testing::Test {
protected:
    ContractFolder folder;
};

TEST_F(ContractPathErrors, EmptyPathSaysNoContractFileWasGiven) {
    InputError error = load_error_from("");
    EXPECT_STREQ(error.what(), "no contract file given (empty path)");
}

TEST_F(ContractPathErrors, MissingFileIsNotFound) {
    InputError error = load_error_from(folder.path("nope.yaml"));
    EXPECT_THAT(error.what(), HasSubstr("nope.yaml: contract file not found"));
}

TEST_F(ContractPathErrors, FolderIsAFolderNotAFile) {
    InputError error = load_error_from(folder.dir().string());
    EXPECT_THAT(error.what(), HasSubstr("contract file is a folder, not a file"));
}

TEST_F(ContractPathErrors, FifoIsRefusedWithoutBeingOpened) {
    const std::string fifo = folder.path("mesh.yaml");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    // Opening it for reading would block this test until a writer came.
    InputError error = load_error_from(fifo);
    EXPECT_THAT(error.what(), HasSubstr("contract file is not a regular file (a FIFO)"));
}

TEST_F(ContractPathErrors, DevZeroIsACharacterDeviceNotAFile) {
    InputError error = load_error_from("/dev/zero");
    EXPECT_THAT(error.what(), HasSubstr("/dev/zero: contract file is not a regular file (a character device)"));
}

TEST_F(ContractPathErrors, SymbolicLinkLoopIsNamedAsSuch) {
    fs::create_symlink("b.yaml", folder.path("a.yaml"));
    fs::create_symlink("a.yaml", folder.path("b.yaml"));
    InputError error = load_error_from(folder.path("a.yaml"));
    EXPECT_THAT(error.what(), HasSubstr("contract file is a symbolic link loop"));
    EXPECT_THAT(error.what(), Not(HasSubstr("not found")));
}

TEST_F(ContractPathErrors, DanglingSymbolicLinkIsNotFoundAndSaysWhy) {
    fs::create_symlink("gone.yaml", folder.path("mesh.yaml"));
    InputError error = load_error_from(folder.path("mesh.yaml"));
    EXPECT_THAT(error.what(), HasSubstr("contract file not found (a symbolic link to a missing file)"));
}

TEST_F(ContractPathErrors, PathThroughAFileIsNotFoundAndSaysWhy) {
    InputError error = load_error_from(folder.path("docker-compose.yaml") + "/mesh.yaml");
    EXPECT_THAT(error.what(), HasSubstr("not found (a part of its path is a file, not a folder)"));
}

// What loading the contract says when done by the unprivileged user nobody, in a child:
// root reads every file, so the tests (run as root in CI) would prove nothing otherwise.
std::string load_message_as_nobody(const std::string& mesh) {
    int out[2];
    if (::pipe(out) != 0) return "pipe failed";
    pid_t child = ::fork();
    if (child == 0) {
        ::close(out[0]);
        std::string message = "no error";
        if (::setgid(65534) == 0 && ::setuid(65534) == 0) {
            try {
                load_contract(mesh);
            } catch (const InputError& e) {
                message = e.what();
            }
        } else {
            message = "cannot become nobody";
        }
        (void)!::write(out[1], message.data(), message.size());
        ::_exit(0);
    }
    ::close(out[1]);
    std::string message;
    char buffer[512];
    for (ssize_t n; (n = ::read(out[0], buffer, sizeof buffer)) > 0;) message.append(buffer, static_cast<std::size_t>(n));
    ::close(out[0]);
    ::waitpid(child, nullptr, 0);
    return message;
}

TEST_F(ContractPathErrors, UnreadableFileIsPermissionDenied) {
    const std::string mesh = folder.write("mesh.yaml", "version: 1\n");
    fs::permissions(folder.dir(), fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    fs::permissions(mesh, fs::perms::none);
    EXPECT_THAT(load_message_as_nobody(mesh), HasSubstr("contract file cannot be read (permission denied)"));
}

TEST_F(ContractPathErrors, FileLargerThanTheCapIsRefusedUnread) {
    const std::string mesh = folder.write("mesh.yaml", "");
    fs::resize_file(mesh, kMaxUserFileBytes + 1);  // sparse: nothing is written
    InputError error = load_error_from(mesh);
    EXPECT_THAT(error.what(), HasSubstr("contract file is larger than 64 MiB"));
}

TEST_F(ContractPathErrors, ComposeFileThatIsAFolderIsNotCalledMissing) {
    fs::create_directory(folder.path("compose.d"));
    InputError error = testing::load_error(folder, "version: 1\ncompose: {files: [compose.d]}\ntiers: {edge: {network: e}}\n");
    EXPECT_EQ(error.where().line, 2);
    EXPECT_THAT(error.what(), HasSubstr("compose file 'compose.d' is a folder, not a file"));
}

}  // namespace
}  // namespace meshprobe
