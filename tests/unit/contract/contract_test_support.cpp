#include "contract_test_support.h"

#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

namespace meshprobe::testing {

namespace fs = std::filesystem;

const char* const kMinimalContract = R"(version: 1
compose:
  files: [docker-compose.yaml]
tiers:
  edge: {network: edge_tier}
  data: {network: data_tier, internal: true, egress: deny}
services:
  proxy: {tier: edge, publish: ["80/tcp"]}
  db: {tier: data, ports: [5432]}
)";

fs::path valid_example_dir() {
    return fs::path(CONTRACT_TEST_DATA) / "valid";
}

ContractFolder::ContractFolder() : ScratchFolder("contract-test") {
    write("docker-compose.yaml", "services: {}\n");
    write("docker-compose.dev.yaml", "services: {}\n");
}

InputError load_error_from(const std::string& contract_path) {
    try {
        load_contract(contract_path);
    } catch (const InputError& error) {
        return error;
    }
    ADD_FAILURE() << contract_path << " loaded without an InputError";
    return InputError("no error");
}

InputError load_error(const ContractFolder& folder, const std::string& mesh_yaml) {
    return load_error_from(folder.write("mesh.yaml", mesh_yaml));
}

}  // namespace meshprobe::testing
