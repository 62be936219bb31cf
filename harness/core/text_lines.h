#pragma once
#include <sstream>
#include <string>
#include <vector>

namespace meshprobe {

// A text's lines without their newlines: what a line-by-line comparison of two renderings of
// one file walks.
inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace meshprobe
