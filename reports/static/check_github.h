#pragma once
#include <string>

#include "rules/check_run.h"

namespace meshprobe {

// GitHub Actions workflow commands (::error file=F,line=L,title=MESH006::message) that
// annotate the pull request; notes and suppressed findings are left out.
std::string render_check_github(const CheckReport& report, const std::string& base_dir);

}  // namespace meshprobe
