#pragma once
#include <string>
#include <vector>

#include "contract/contract.h"

namespace meshprobe {

// Reads every *.yaml / *.yml file of the metadata folder (docs/contract.md, metadata files) into the contract:
// a service the contract does not list is added, a listed one gains tier, role, ports and
// notes. The file name must be the service name. `shown_dir` is the folder as messages name
// it. Returns one flow per dependency, checked against the merged services. Throws InputError.
std::vector<Flow> merge_metadata_folder(Contract& contract, const std::string& shown_dir);

}  // namespace meshprobe
