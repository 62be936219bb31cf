#pragma once
#include <cstddef>
#include <vector>

#include "core/errors.h"

namespace meshprobe {

// The input errors (exit 2) a report shows: the first kMaxShownInputErrors, and how many more
// there were.
struct ShownInputErrors {
    std::vector<InputError> shown;
    std::size_t more = 0;
};

inline ShownInputErrors shown_input_errors(const InputError& error) {
    ShownInputErrors out{error.all(), 0};
    if (out.shown.size() > kMaxShownInputErrors) {
        out.more = out.shown.size() - kMaxShownInputErrors;
        out.shown.erase(out.shown.begin() + kMaxShownInputErrors, out.shown.end());
    }
    return out;
}

}  // namespace meshprobe
