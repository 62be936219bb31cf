#include "contract/suggest.h"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace meshprobe {

int edit_distance(const std::string& a, const std::string& b) {
    std::vector<int> previous(b.size() + 1);
    std::vector<int> current(b.size() + 1);
    std::iota(previous.begin(), previous.end(), 0);
    for (size_t i = 1; i <= a.size(); ++i) {
        current[0] = static_cast<int>(i);
        for (size_t j = 1; j <= b.size(); ++j) {
            int replace = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, replace});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

static std::string lowercase(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string did_you_mean(const std::string& typed, const std::vector<std::string>& candidates) {
    // Short words are one typo apart from many others, so they get a tighter bound.
    const int limit = typed.size() <= 3 ? 1 : std::max(2, static_cast<int>(typed.size()) / 3);
    const std::string* best = nullptr;
    int best_distance = limit + 1;
    for (const std::string& candidate : candidates) {
        int distance = edit_distance(lowercase(typed), lowercase(candidate));
        // A cut-short word ("timeout" for "timeout_ms") is as good as a typo.
        if (typed.size() >= 4 && lowercase(candidate).starts_with(lowercase(typed)))
            distance = std::min(distance, limit);
        if (distance < best_distance) {
            best = &candidate;
            best_distance = distance;
        }
    }
    return best ? "; did you mean '" + *best + "'?" : "";
}

}  // namespace meshprobe
