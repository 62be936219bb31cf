#pragma once
#include <string>

namespace meshprobe {

// A file as reports name it: relative to base_dir when it lies inside it, else as it is
// (absolute); a relative path or an empty base_dir leaves it as it is.
std::string relative_path(const std::string& file, const std::string& base_dir);

}  // namespace meshprobe
