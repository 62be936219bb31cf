#include "engine/probe_image.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/sha256.h"
#include "fake_engine.h"

namespace meshprobe {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::FakeEngine;

// Sets or clears MESHPROBE_PROBE for one test.
class ProbeVariable {
public:
    explicit ProbeVariable(const std::string& value) {
        if (value.empty()) {
            ::unsetenv("MESHPROBE_PROBE");
        } else {
            ::setenv("MESHPROBE_PROBE", value.c_str(), 1);
        }
    }
    ~ProbeVariable() { ::unsetenv("MESHPROBE_PROBE"); }
};

// A file that exists for one test.
class ScratchFile {
public:
    ScratchFile(fs::path path, const std::string& contents, fs::perms perms) : path_(std::move(path)) {
        std::ofstream(path_, std::ios::binary) << contents;
        fs::permissions(path_, perms);
    }
    ~ScratchFile() { fs::remove(path_); }
    std::string path() const { return path_.string(); }

private:
    fs::path path_;
};

fs::path scratch_path(const std::string& name) {
    return fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
}

TEST(ProbeImage, TagIsTheFirst16HexDigitsOfTheSha256) {
    EXPECT_EQ(probe_image_tag("probe bytes"), sha256_hex("probe bytes").substr(0, 16));
    EXPECT_EQ(probe_image_tag("abc"), "ba7816bf8f01cfea");
}

TEST(ProbeImage, TagChangesWithTheBinary) {
    EXPECT_NE(probe_image_tag("build 1"), probe_image_tag("build 2"));
}

TEST(ProbeImage, TarHoldsTheExecutableProbeAndItsDirectories) {
    std::string tar = probe_image_tar("ELF");
    // Headers: etc/, tmp/, probe.
    EXPECT_EQ(tar.substr(0, 4), "etc/");
    EXPECT_EQ(tar.substr(512, 4), "tmp/");
    EXPECT_EQ(tar.substr(1024, 6), std::string("probe\0", 6));
    EXPECT_EQ(std::stoul(tar.substr(512 + 100, 8), nullptr, 8), 01777u);  // tmp/ keeps its sticky bit
    EXPECT_EQ(std::stoul(tar.substr(1024 + 100, 8), nullptr, 8), 0755u);
    EXPECT_EQ(tar.substr(1536, 3), "ELF");
}

TEST(ProbeImage, ExistingImageIsNotImportedAgain) {
    ScratchFile binary(scratch_path("meshprobe-fake-probe"), "probe v1", fs::perms::owner_all);
    FakeEngine engine;
    std::string tag = probe_image_tag("probe v1");
    engine.on("GET", "/images/meshprobe/probe:" + tag + "/json", {.body = R"({"Id":"sha256:1"})"});
    Docker docker(engine.docker_host());

    EXPECT_EQ(ensure_probe_image(docker, binary.path()), "meshprobe/probe:" + tag);
    EXPECT_TRUE(engine.requests_to("POST", "/v1.41/images/create").empty());
}

TEST(ProbeImage, MissingImageIsImportedWithTheProbeEntrypoint) {
    ScratchFile binary(scratch_path("meshprobe-fake-probe"), "probe v2", fs::perms::owner_all);
    FakeEngine engine;
    engine.on("POST", "/images/create", {.body = "{\"status\":\"sha256:2\"}\r\n"});
    Docker docker(engine.docker_host());

    std::string tag = probe_image_tag("probe v2");
    EXPECT_EQ(ensure_probe_image(docker, binary.path()), "meshprobe/probe:" + tag);
    auto imports = engine.requests_to("POST", "/v1.41/images/create");
    ASSERT_EQ(imports.size(), 1u);
    EXPECT_THAT(imports[0].target, HasSubstr("repo=meshprobe%2Fprobe&tag=" + tag));
    EXPECT_THAT(imports[0].target, HasSubstr("changes=ENTRYPOINT%20%5B%22%2Fprobe%22%5D"));
    EXPECT_EQ(imports[0].body, probe_image_tar("probe v2"));
}

TEST(ProbeImage, UnreadableBinaryIsInfraError) {
    FakeEngine engine;
    Docker docker(engine.docker_host());
    EXPECT_THROW(ensure_probe_image(docker, "/nonexistent/meshprobe-probe"), InfraError);
}

TEST(FindProbeBinary, PrefersTheEnvironmentVariable) {
    ScratchFile binary(scratch_path("meshprobe-env-probe"), "x", fs::perms::owner_all);
    ProbeVariable variable(binary.path());
    EXPECT_EQ(find_probe_binary("meshprobe"), binary.path());
}

TEST(FindProbeBinary, VariableNamingAMissingFileIsInfraError) {
    ProbeVariable variable("/nonexistent/probe");
    try {
        find_probe_binary("meshprobe");
        FAIL() << "expected InfraError";
    } catch (const InfraError& error) {
        EXPECT_THAT(error.what(), HasSubstr("MESHPROBE_PROBE is set to /nonexistent/probe"));
    }
}

TEST(FindProbeBinary, FindsTheProbeNextToTheExecutable) {
    ProbeVariable variable("");
    fs::path beside = fs::read_symlink("/proc/self/exe").parent_path() / "meshprobe-probe";
    ScratchFile binary(beside, "x", fs::perms::owner_all);
    EXPECT_EQ(find_probe_binary("meshprobe"), beside.string());
}

TEST(FindProbeBinary, NamesWhereItLookedWhenNotFound) {
    ProbeVariable variable("");
    std::string dir = fs::read_symlink("/proc/self/exe").parent_path().string();
    try {
        find_probe_binary("/opt/meshprobe/bin/meshprobe");
        FAIL() << "expected InfraError";
    } catch (const InfraError& error) {
        EXPECT_THAT(error.what(), HasSubstr(dir + "/meshprobe-probe"));
        EXPECT_THAT(error.what(), HasSubstr("/opt/meshprobe/bin/meshprobe-probe"));
        EXPECT_THAT(error.what(), HasSubstr("MESHPROBE_PROBE"));
    }
}

}  // namespace
}  // namespace meshprobe
