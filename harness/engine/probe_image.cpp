#include "engine/probe_image.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include <fmt/format.h>

#include "engine/sha256.h"
#include "engine/tar_writer.h"

namespace meshprobe {
namespace {

namespace fs = std::filesystem;

constexpr const char* kProbeFileName = "meshprobe-probe";
constexpr std::size_t kTagLength = 16;

std::string read_binary(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InfraError(fmt::format("cannot read the probe binary {}", path));
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool is_executable_file(const fs::path& path) {
    std::error_code error;
    if (!fs::is_regular_file(path, error)) return false;
    auto permissions = fs::status(path, error).permissions();
    return (permissions & fs::perms::owner_exec) != fs::perms::none;
}

}  // namespace

std::string probe_image_tag(const std::string& binary) {
    return sha256_hex(binary).substr(0, kTagLength);
}

std::string probe_image_tar(const std::string& binary) {
    TarWriter tar;
    // Docker bind-mounts resolv.conf and hosts into /etc; the directory makes that work on a
    // read-only root.
    tar.add_directory("etc/");
    tar.add_directory("tmp/", 01777);
    tar.add_file("probe", binary, 0755);
    return tar.finish();
}

std::string ensure_probe_image(Docker& docker, const std::string& probe_binary_path,
                               const std::string& repo) {
    std::string binary = read_binary(probe_binary_path);
    std::string tag = probe_image_tag(binary);
    std::string ref = repo + ":" + tag;
    if (docker.image_exists(ref)) return ref;
    docker.import_image(probe_image_tar(binary), repo, tag, {R"(ENTRYPOINT ["/probe"])"});
    return ref;
}

std::string find_probe_binary(const std::string& argv0) {
    if (const char* env = std::getenv("MESHPROBE_PROBE"); env != nullptr && *env != '\0') {
        if (is_executable_file(env)) return env;
        throw InfraError(fmt::format("MESHPROBE_PROBE is set to {}, which is not an executable file", env));
    }
    std::vector<fs::path> candidates;
    std::error_code error;
    fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        candidates.push_back(self.parent_path() / kProbeFileName);  // the build tree: bin/ holds both
        candidates.push_back(self.parent_path().parent_path() / "libexec" / "meshprobe" / kProbeFileName);  // installed
    }
    if (!argv0.empty() && argv0.find('/') != std::string::npos) {
        candidates.push_back(fs::absolute(fs::path(argv0), error).parent_path() / kProbeFileName);
    }
    std::string looked;
    for (const fs::path& candidate : candidates) {
        if (is_executable_file(candidate)) return candidate.string();
        looked += (looked.empty() ? "" : ", ") + candidate.string();
    }
    throw InfraError(fmt::format("cannot find the probe binary {} (looked at: {}); build it, or set "
                                 "MESHPROBE_PROBE to its path",
                                 kProbeFileName, looked.empty() ? "nowhere" : looked));
}

}  // namespace meshprobe
