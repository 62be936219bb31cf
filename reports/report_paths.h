#pragma once
#include <string>

#include "core/source_location.h"

namespace meshprobe {

// A file as reports name it: relative to base_dir when it lies inside it, else as it is
// (absolute); a relative path or an empty base_dir leaves it as it is.
std::string relative_path(const std::string& file, const std::string& base_dir);

// "file:line" with the file relative to base_dir (a relative file taken from the working
// directory first); "" for a location no file gives.
std::string relative_location(const SourceLocation& location, const std::string& base_dir);

}  // namespace meshprobe
