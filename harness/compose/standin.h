#pragma once
#include <map>
#include <string>
#include <vector>

namespace meshprobe {

struct StandinOptions {
    std::string image;                                        // the probe image, e.g. meshprobe/probe:<v>
    std::map<std::string, std::vector<int>> ports_by_service;  // what each stand-in listens on
    std::map<std::string, std::string> labels;                 // added to every service (clean-up)
};

// A complete compose file with the network topology of `rendered_yaml` (what `compose config`
// printed) in which every service is the probe in `serve` mode, unprivileged and read-only.
// Throws InputError when rendered_yaml is not a compose document.
std::string render_standin_compose(const std::string& rendered_yaml, const StandinOptions& options);

}  // namespace meshprobe
