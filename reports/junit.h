#pragma once
#include <chrono>
#include <string>

#include "core/check.h"

namespace meshprobe {

// JUnit XML (docs/runtime.md): one <testsuite> per suite that has checks, one <testcase> per
// check; a suite's time is the sum of its checks' times, the root's is the run's wall time;
// an infrastructure error becomes a "meshprobe.infrastructure" suite with one error.
//
// RunReport has no start time, so this form stamps the suites with "now minus the run's
// duration", which is right when the report is written as the run ends.
std::string render_junit(const RunReport& report);

// The same, with the run's start time given (UTC in the output).
std::string render_junit(const RunReport& report, std::chrono::system_clock::time_point started);

}  // namespace meshprobe
