#include "load_helpers.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace meshprobe::testing {

ComposeFolder::ComposeFolder() {
    std::string pattern = (fs::temp_directory_path() / "composefile-test-XXXXXX").string();
    root_ = mkdtemp(pattern.data());
}

ComposeFolder::~ComposeFolder() { fs::remove_all(root_); }

std::string ComposeFolder::path(const std::string& name) const { return (fs::path(root_) / name).string(); }

std::string ComposeFolder::write(const std::string& name, const std::string& text) {
    const fs::path file = path(name);
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
}

ComposeModel ComposeFolder::load(const std::vector<std::string>& names, std::map<std::string, std::string> environment,
                                 std::vector<std::string> profiles) const {
    ComposeInputs inputs;
    for (const auto& name : names) inputs.files.push_back(path(name));
    inputs.environment = std::move(environment);
    inputs.profiles = std::move(profiles);
    return load_compose(inputs);
}

}  // namespace meshprobe::testing
