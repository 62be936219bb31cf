#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/stack_model.h"

namespace meshprobe {

struct StandinOptions {
    std::string image;                                        // the probe image, e.g. meshprobe/probe:<v>
    std::map<std::string, std::vector<int>> ports_by_service;  // what each stand-in listens on
    std::map<std::string, std::string> labels;                 // added to every service (clean-up)
};

// A complete compose file with the network topology of `model` in which every service is the
// probe in `serve` mode, unprivileged and read-only. Written from meshprobe's own reading of
// the files, so nothing the stand-ins do not use (build folders, env_files, volumes) is needed.
// InputError when the YAML cannot be written.
std::string render_standin_compose(const StackModel& model, const StandinOptions& options);

}  // namespace meshprobe
