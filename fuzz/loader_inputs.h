#pragma once
#include <filesystem>
#include <string_view>

namespace meshprobe::fuzz {

// Both loaders read files, not buffers, so every input is written into `folder` first.
// `folder` is reused from call to call; the caller owns it (a testing::ScratchFolder).

// Loads `input` as the contract `folder`/mesh.yaml, beside a minimal docker-compose.yaml so
// that the contract's compose file references resolve. Throws whatever load_contract throws.
void load_as_contract(const std::filesystem::path& folder, std::string_view input);

// Loads `input` as the only compose file `folder`/docker-compose.yaml, with an empty process
// environment so results do not depend on who runs it. Throws whatever load_compose throws.
void load_as_compose(const std::filesystem::path& folder, std::string_view input);

// Splits `input` at lines "%%" into up to four files, docker-compose.yaml, a.yaml, b.yaml and
// c.yaml (absent parts are empty files; parts past the fourth go to c.yaml), so that includes
// and extends between them can be fuzzed, and loads the first as load_as_compose does.
void load_as_compose_files(const std::filesystem::path& folder, std::string_view input);

}  // namespace meshprobe::fuzz
