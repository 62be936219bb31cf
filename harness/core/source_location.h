#pragma once
#include <string>

namespace meshprobe {

// Where an element of a contract or compose file came from; every finding points here.
struct SourceLocation {
    std::string file;
    int line = 0;    // 1-based; 0 = unknown
    int column = 0;  // 1-based; 0 = unknown

    std::string str() const {
        if (line == 0) return file;
        return file + ":" + std::to_string(line);
    }
};

}  // namespace meshprobe
