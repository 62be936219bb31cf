#pragma once
#include <filesystem>
#include <string>

#include "contract/contract_loader.h"
#include "core/errors.h"

namespace meshprobe::testing {

// The folder of the valid SPEC example under data/.
std::filesystem::path valid_example_dir();

// A scratch folder holding the compose files a contract names; removed when destroyed.
class ScratchFolder {
public:
    ScratchFolder();
    ~ScratchFolder();
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;

    // Writes `text` to the relative path (folders are created) and returns the full path.
    std::string write(const std::string& relative, const std::string& text) const;
    std::string path(const std::string& relative) const;
    const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
};

// Writes mesh.yaml into the folder, loads it, and returns the InputError the load raised;
// a load that succeeds, or throws anything else, fails the test.
InputError load_error(const ScratchFolder& folder, const std::string& mesh_yaml);
InputError load_error_from(const std::string& contract_path);

// A small valid contract to which tests add the part they exercise.
extern const char* const kMinimalContract;

}  // namespace meshprobe::testing
