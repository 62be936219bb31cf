#include "reports/tally.h"

#include <algorithm>

#include <fmt/format.h>

namespace meshprobe {

void Tally::add(const Check& check) {
    switch (check.verdict) {
        case Verdict::pass: ++pass; break;
        case Verdict::fail: ++fail; break;
        case Verdict::error: ++error; break;
    }
    if (!check.note.empty()) ++notes;
    if (check.disagrees()) ++disagreements;
    seconds = std::max(seconds, check.seconds);
}

Tally tally(const std::vector<Check>& checks) {
    Tally result;
    for (const Check& check : checks) result.add(check);
    return result;
}

Tally tally(const std::vector<Check>& checks, Suite suite) {
    Tally result;
    for (const Check& check : checks) {
        if (check.suite == suite) result.add(check);
    }
    return result;
}

std::string counts_text(const Tally& counts) {
    return fmt::format("{} checks: {} pass, {} fail, {} error", counts.total(), counts.pass,
                       counts.fail, counts.error);
}

std::string counted(int n, const std::string& noun) { return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s"); }

std::string expected_observed(const Check& check) {
    return fmt::format("expected {}, observed {}", check.expected, check.observed);
}

}  // namespace meshprobe
