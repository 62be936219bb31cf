#pragma once
#include <string>

#include "reports/static/check_render.h"

namespace meshprobe {

// For people: findings grouped by file, each with its line, rule, message and fix hint;
// suppressed findings with their reason; notes only when verbose; a summary line at the end.
std::string render_check_text(const CheckReport& report, const CheckRenderOptions& options);

}  // namespace meshprobe
