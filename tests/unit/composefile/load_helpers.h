#pragma once
#include <map>
#include <string>
#include <vector>

#include "composefile/compose_loader.h"
#include "scratch_folder.h"

namespace meshprobe::testing {

// A scratch folder of compose files for one test, removed afterwards.
class ComposeFolder : public ScratchFolder {
public:
    ComposeFolder() : ScratchFolder("composefile-test") {}

    // Loads the named files in order with the given environment and no env file.
    StackModel load(const std::vector<std::string>& names, std::map<std::string, std::string> environment = {},
                      std::vector<std::string> profiles = {}) const;
};

}  // namespace meshprobe::testing
