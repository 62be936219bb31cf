#pragma once
#include <string>

#include "core/check.h"

namespace meshprobe {

struct SummaryStyle {
    bool color = false;    // ANSI colours
    bool unicode = true;   // ✓ · ✗ ! ~ in the matrix; ASCII + . X ! ~ otherwise
    int width = 80;        // terminal columns; 0 means unlimited
};

// The terminal summary of `run`:
//  1. for the reach suite, a matrix of vantages (rows, check.from) against target services
//     (columns, check.to before ':'), one symbol per pair, and a legend;
//  2. every failing and erroring check on a line of its own
//     ("FAIL reach:traefik->frontend:3000  expected reachable, observed timeout after 1000 ms");
//  3. the final line, summary_line().
// The matrix reads a check whose `expected` begins with "blocked" as a path meant to be closed.
std::string render_summary(const RunReport& report, const SummaryStyle& style);

// "meshprobe: 243 checks: 240 pass, 3 fail, 0 error (12 notes) in 1.84 s"
std::string summary_line(const RunReport& report);

}  // namespace meshprobe
