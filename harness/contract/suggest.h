#pragma once
#include <string>
#include <vector>

namespace meshprobe {

// Number of single-character edits (insert, delete, replace) that turn `a` into `b`.
int edit_distance(const std::string& a, const std::string& b);

// "; did you mean 'egress'?" when one candidate is close to `typed`, else "".
std::string did_you_mean(const std::string& typed, const std::vector<std::string>& candidates);

}  // namespace meshprobe
