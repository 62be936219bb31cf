#include "scratch_folder.h"

#include <stdlib.h>

#include <fstream>
#include <stdexcept>

namespace meshprobe::testing {

namespace fs = std::filesystem;

ScratchFolder::ScratchFolder(const std::string& prefix) {
    std::string pattern = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a folder from " + pattern);
    dir_ = pattern;
}

ScratchFolder::~ScratchFolder() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
}

std::string ScratchFolder::path(const std::string& relative) const {
    return (dir_ / relative).string();
}

std::string ScratchFolder::write(const std::string& relative, const std::string& text) const {
    const fs::path file = dir_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
}

}  // namespace meshprobe::testing
