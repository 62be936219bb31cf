#pragma once
#include <map>
#include <string>
#include <vector>

#include "composefile/compose_loader.h"

namespace meshprobe::testing {

// A scratch folder of compose files for one test, removed afterwards.
class ComposeFolder {
public:
    ComposeFolder();
    ~ComposeFolder();
    ComposeFolder(const ComposeFolder&) = delete;
    ComposeFolder& operator=(const ComposeFolder&) = delete;

    // Writes `text` to `name` (folders created) and returns the absolute path.
    std::string write(const std::string& name, const std::string& text);
    std::string path(const std::string& name) const;

    // Loads the named files in order with the given environment and no env file.
    ComposeModel load(const std::vector<std::string>& names, std::map<std::string, std::string> environment = {},
                      std::vector<std::string> profiles = {}) const;

private:
    std::string root_;
};

}  // namespace meshprobe::testing
