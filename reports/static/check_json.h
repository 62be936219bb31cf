#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "rules/check_run.h"

namespace meshprobe {

// {"meshprobe": VERSION, "contract": PATH, "environments": [...], "findings": [...],
//  "summary": {"error": N, "warning": N, "note": N, "suppressed": N, "seconds": S}}
nlohmann::json check_json(const CheckReport& report, const std::string& base_dir);
std::string render_check_json(const CheckReport& report, const std::string& base_dir);

}  // namespace meshprobe
