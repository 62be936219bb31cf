#include "loader_inputs.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "composefile/compose_loader.h"
#include "contract/contract_loader.h"

namespace meshprobe::fuzz {

namespace fs = std::filesystem;

namespace {

const char* const kMinimalCompose = "services:\n  web:\n    image: nginx\n";

void write_file(const fs::path& path, std::string_view content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

// The compose file `folder`/docker-compose.yaml, with the folder as project directory.
void load_written_compose(const fs::path& folder) {
    ComposeInputs inputs;
    inputs.files = {(folder / "docker-compose.yaml").string()};
    inputs.project_directory = folder.string();
    inputs.environment = {};
    load_compose(inputs);
}

}  // namespace

void load_as_contract(const fs::path& folder, std::string_view input) {
    write_file(folder / "docker-compose.yaml", kMinimalCompose);
    write_file(folder / "mesh.yaml", input);
    load_contract((folder / "mesh.yaml").string());
}

void load_as_compose(const fs::path& folder, std::string_view input) {
    write_file(folder / "docker-compose.yaml", input);
    load_written_compose(folder);
}

void load_as_compose_files(const fs::path& folder, std::string_view input) {
    static const char* const names[] = {"docker-compose.yaml", "a.yaml", "b.yaml", "c.yaml"};
    constexpr std::string_view separator = "\n%%\n";
    std::vector<std::string_view> parts;
    for (std::size_t at; parts.size() < 3 && (at = input.find(separator)) != std::string_view::npos;) {
        parts.push_back(input.substr(0, at));
        input.remove_prefix(at + separator.size());
    }
    parts.push_back(input);
    for (std::size_t i = 0; i < 4; ++i) write_file(folder / names[i], i < parts.size() ? parts[i] : "");
    load_written_compose(folder);
}

}  // namespace meshprobe::fuzz
