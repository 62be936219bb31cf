#pragma once
#include <filesystem>
#include <string_view>

namespace meshprobe::fuzz {

// Both loaders read files, not buffers, so every input is written into `folder` first.
// `folder` is reused from call to call; the caller owns it.

// Loads `input` as the contract `folder`/mesh.yaml, beside a minimal docker-compose.yaml so
// that the contract's compose file references resolve. Throws whatever load_contract throws.
void load_as_contract(const std::filesystem::path& folder, std::string_view input);

// Loads `input` as the only compose file `folder`/docker-compose.yaml, with an empty process
// environment so results do not depend on who runs it. Throws whatever load_compose throws.
void load_as_compose(const std::filesystem::path& folder, std::string_view input);

// A fresh folder under the system temp directory, removed again by its destructor.
class ScratchFolder {
public:
    ScratchFolder();
    ~ScratchFolder();
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace meshprobe::fuzz
