#include "loader_inputs.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

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

}  // namespace

void load_as_contract(const fs::path& folder, std::string_view input) {
    write_file(folder / "docker-compose.yaml", kMinimalCompose);
    write_file(folder / "mesh.yaml", input);
    load_contract((folder / "mesh.yaml").string());
}

void load_as_compose(const fs::path& folder, std::string_view input) {
    write_file(folder / "docker-compose.yaml", input);
    ComposeInputs inputs;
    inputs.files = {(folder / "docker-compose.yaml").string()};
    inputs.project_directory = folder.string();
    inputs.environment = {};
    load_compose(inputs);
}

}  // namespace meshprobe::fuzz
