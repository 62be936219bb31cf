#include "engine/tar_writer.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace meshprobe {
namespace {

using ::testing::HasSubstr;

// Writes the archive to a temporary file so the system's tar can read it.
class TarFile {
public:
    explicit TarFile(const std::string& archive)
        : path_(std::filesystem::temp_directory_path() /
                ("meshprobe-tar-test-" + std::to_string(::getpid()) + ".tar")) {
        std::ofstream(path_, std::ios::binary) << archive;
    }
    ~TarFile() { std::filesystem::remove(path_); }
    // Runs `tar <arguments> -f FILE` and returns its stdout.
    std::string tar(const std::string& arguments) const {
        std::string command = "tar " + arguments + " -f " + path_.string() + " 2>&1";
        std::string output;
        FILE* pipe = ::popen(command.c_str(), "r");
        char buffer[4096];
        std::size_t n;
        while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
        ::pclose(pipe);
        return output;
    }

private:
    std::filesystem::path path_;
};

std::string sample_archive() {
    TarWriter writer;
    writer.add_directory("etc/");
    writer.add_file("probe", "#!binary\n", 0755);
    return writer.finish();
}

TEST(TarWriter, SystemTarListsEntriesWithModesAndOwner) {
    TarFile file(sample_archive());
    std::string listing = file.tar("-tv");
    EXPECT_THAT(listing, HasSubstr("drwxr-xr-x root/root         0 1970-01-01 00:00 etc/"));
    EXPECT_THAT(listing, HasSubstr("-rwxr-xr-x root/root         9 1970-01-01 00:00 probe"));
}

TEST(TarWriter, SystemTarExtractsTheSameContents) {
    std::string contents(5000, '\0');
    for (std::size_t i = 0; i < contents.size(); ++i) contents[i] = static_cast<char>(i % 251);
    TarWriter writer;
    writer.add_file("data.bin", contents);
    TarFile file(writer.finish());
    EXPECT_EQ(file.tar("-xO data.bin"), contents);
}

TEST(TarWriter, ArchiveIsBlockAlignedAndEndsWithTwoZeroBlocks) {
    std::string archive = sample_archive();
    // etc/ header, probe header, one data block, two end blocks: not padded to libarchive's 10 KiB.
    ASSERT_EQ(archive.size(), 5u * 512);
    EXPECT_EQ(archive.substr(3 * 512), std::string(1024, '\0'));
}

TEST(TarWriter, EntriesAreUstar) {
    std::string header = sample_archive().substr(512, 512);  // the probe entry
    EXPECT_EQ(header.substr(257, 6), std::string("ustar\0", 6));
    EXPECT_EQ(header[156], '0');
}

TEST(TarWriter, SameEntriesGiveTheSameBytes) {
    EXPECT_EQ(sample_archive(), sample_archive());
}

TEST(TarWriter, NameLongerThan100BytesIsRejected) {
    TarWriter writer;
    EXPECT_THROW(writer.add_file(std::string(101, 'n'), "x"), std::invalid_argument);
}

TEST(TarWriter, DirectoryNameMustEndWithSlash) {
    TarWriter writer;
    EXPECT_THROW(writer.add_directory("etc"), std::invalid_argument);
}

}  // namespace
}  // namespace meshprobe
