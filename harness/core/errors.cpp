#include "core/errors.h"

namespace meshprobe {

void InputErrorList::throw_if_any() const {
    if (errors_.size() == 1) throw errors_.front();
    if (!errors_.empty()) throw InputErrors(errors_);
}

std::string input_error_lines(const InputError& error) {
    const std::vector<InputError> all = error.all();
    std::string out;
    for (std::size_t i = 0; i < all.size() && i < kMaxShownInputErrors; ++i) out += std::string("meshprobe: ") + all[i].what() + "\n";
    if (all.size() > kMaxShownInputErrors) out += "meshprobe: and " + std::to_string(all.size() - kMaxShownInputErrors) + " more\n";
    return out;
}

}  // namespace meshprobe
