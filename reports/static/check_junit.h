#pragma once
#include <string>

#include "rules/check_run.h"

namespace meshprobe {

// JUnit XML: one <testsuite> per environment, one <testcase> per rule in it; unsuppressed
// errors are <failure>s, everything else the rule found goes to <system-out>.
std::string render_check_junit(const CheckReport& report, const std::string& base_dir);

}  // namespace meshprobe
