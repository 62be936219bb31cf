#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "compose/child_process.h"

namespace meshprobe::testing {

// The text of a file in tests/unit/compose/data.
std::string read_data(const std::string& name);

// Runs a program found on the PATH (docker, docker-compose, tar) and returns what it did.
ChildResult run_tool(const std::string& name, const std::vector<std::string>& args);

// A fresh folder under the system temp folder, removed with its contents at the end of scope.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    // Writes `text` to `name` inside the folder and returns the absolute path.
    std::string write(const std::string& name, const std::string& text) const;

private:
    std::filesystem::path path_;
};

}  // namespace meshprobe::testing
