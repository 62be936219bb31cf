#pragma once
#include <string>

#include "reports/static/input_errors.h"
#include "rules/check_run.h"

namespace meshprobe {

// GitHub Actions workflow commands (::error file=F,line=L,title=MESH006::message) that
// annotate the pull request; notes and suppressed findings are left out.
// Compose's warnings (report.notifications) come first, as ::warning at the contract line that
// would settle them, titled "meshprobe compose".
std::string render_check_github(const CheckReport& report, const std::string& base_dir);

// A check that could not be made: one ::error file=F,line=L,col=C,title=meshprobe::message per
// input error, so that the pull request shows what to fix, not only "exit 2"; compose's
// warnings read before the error first, as in render_check_github.
std::string render_input_errors_github(const CheckReport& report, const ShownInputErrors& errors, const std::string& base_dir);

}  // namespace meshprobe
