#pragma once
#include <filesystem>
#include <ostream>
#include <string>

#include "contract/contract_loader.h"
#include "core/errors.h"
#include "scratch_folder.h"

namespace meshprobe {

// gtest prints flow sides in failures as the contract would spell them, prefix included.
inline void PrintTo(FlowSide side, std::ostream* out) {
    side.prefixed = true;
    *out << side.str();
}

}  // namespace meshprobe

namespace meshprobe::testing {

// The folder of the valid example contract under data/.
std::filesystem::path valid_example_dir();

// A scratch folder holding the compose files a contract names; removed when destroyed.
class ContractFolder : public ScratchFolder {
public:
    ContractFolder();
};

// Writes mesh.yaml into the folder, loads it, and returns the InputError the load raised;
// a load that succeeds, or throws anything else, fails the test.
InputError load_error(const ContractFolder& folder, const std::string& mesh_yaml);
InputError load_error_from(const std::string& contract_path);

// A small valid contract to which tests add the part they exercise.
extern const char* const kMinimalContract;

}  // namespace meshprobe::testing
