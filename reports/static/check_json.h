#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "reports/static/input_errors.h"
#include "rules/check_run.h"

namespace meshprobe {

// {"meshprobe": VERSION, "contract": PATH, "environments": [...], "findings": [...],
//  "summary": {"error": N, "warning": N, "note": N, "suppressed": N, "seconds": S}}
nlohmann::json check_json(const CheckReport& report, const std::string& base_dir);
std::string render_check_json(const CheckReport& report, const std::string& base_dir);

// A check that could not be made: the same object with no findings, and
// "errors": [{"message": TEXT, "location": {"file", "line", "column"}}], "errors_not_shown": N
// (past kMaxShownInputErrors), and "summary": {"input_errors": N, ...}.
std::string render_input_errors_json(const CheckReport& report, const ShownInputErrors& errors, const std::string& base_dir);

}  // namespace meshprobe
