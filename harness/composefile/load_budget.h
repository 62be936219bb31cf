#pragma once
#include <cstddef>

#include "core/source_location.h"

namespace meshprobe {

// What one project's compose files may cost to load, all `-f` files, includes and extends
// together. Compose files come from pull requests: an include "diamond" (each file including
// both files of the next level) or a wide fan-out would otherwise hold a CI runner for hours.
// Each file is parsed once and each (file, variables) project built once (FileLoader), so a
// real project stays far below these; running out is an InputError at the reference that
// went over, naming the limit (exit 2).
struct LoadLimits {
    std::size_t files = 1'000;               // distinct compose files
    std::size_t bytes = 256L * 1024 * 1024;  // their text, together
    // Each include entry and extends reference followed, and each service an include brings
    // into the including file, counts one: the work of merging what the includes return.
    std::size_t expansions = 250'000;
};

class LoadBudget {
public:
    explicit LoadBudget(LoadLimits limits = {}) : limits_(limits) {}

    // A file read for the first time, `bytes` long, named at `where`. InputError at `where`
    // when it takes the load past its limits (here and in add_expansions).
    void add_file(std::size_t bytes, const SourceLocation& where);
    // `count` expansions caused by the reference at `where`.
    void add_expansions(std::size_t count, const SourceLocation& where);

private:
    LoadLimits limits_;
    std::size_t files_ = 0;
    std::size_t bytes_ = 0;
    std::size_t expansions_ = 0;
};

}  // namespace meshprobe
