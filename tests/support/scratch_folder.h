#pragma once
#include <filesystem>
#include <string>

namespace meshprobe::testing {

// A fresh folder under the system temp folder, removed with its contents at the end of scope.
class ScratchFolder {
public:
    explicit ScratchFolder(const std::string& prefix = "meshprobe-test");
    ~ScratchFolder();
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;

    const std::filesystem::path& dir() const { return dir_; }
    std::string path(const std::string& relative) const;
    // Writes `text` byte for byte to the relative path (folders are created); returns the full path.
    std::string write(const std::string& relative, const std::string& text) const;

private:
    std::filesystem::path dir_;
};

}  // namespace meshprobe::testing
