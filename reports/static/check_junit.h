#pragma once
#include <string>

#include "reports/static/input_errors.h"
#include "rules/check_run.h"

namespace meshprobe {

// JUnit XML: one <testsuite> per environment, one <testcase> per rule in it; unsuppressed
// errors are <failure>s, everything else the rule found goes to <system-out>.
std::string render_check_junit(const CheckReport& report, const std::string& base_dir);

// A check that could not be made: one <testcase> "contract and compose files" whose <error>
// lists every input error at its FILE:LINE.
std::string render_input_errors_junit(const ShownInputErrors& errors, const std::string& base_dir);

}  // namespace meshprobe
