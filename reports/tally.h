#pragma once
#include <string>
#include <vector>

#include "core/check.h"

namespace meshprobe {

// Counts of a set of checks, as every report shows them.
struct Tally {
    int pass = 0;
    int fail = 0;
    int error = 0;
    int notes = 0;         // checks that carry a note (reverse paths), whatever their verdict
    int disagreements = 0; // checks where the engine did other than the static model predicted
    // Wall time: every check of a run starts at once, so the checks took as long as the longest.
    double seconds = 0;

    int total() const { return pass + fail + error; }
    void add(const Check& check);
};

Tally tally(const std::vector<Check>& checks);
Tally tally(const std::vector<Check>& checks, Suite suite);

// "243 checks: 240 pass, 3 fail, 0 error": the counts as the summary and Markdown headline say them.
std::string counts_text(const Tally& counts);

// "1 error", "2 errors": a count with its noun.
std::string counted(int n, const std::string& noun);

// "expected X, observed Y": the one-line account of a check used by every writer.
std::string expected_observed(const Check& check);

}  // namespace meshprobe
