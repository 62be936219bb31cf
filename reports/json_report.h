#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "core/check.h"

namespace meshprobe {

// The JSON report of `run` (docs/runtime.md):
//   {"meshprobe": VERSION, "contract": PATH, "environment": NAME or null,
//    "checks": [{id, suite, from, to, expected, observed, verdict, note?, evidence, seconds}],
//    "summary": {pass, fail, error, notes, seconds}}
// plus "infra_error" and "compose_log" only when they are set. Times are rounded to ms.
nlohmann::json to_json(const RunReport& report);

// to_json, indented by two spaces, ending in a newline; bytes that are not UTF-8 become U+FFFD.
std::string render_json(const RunReport& report);

}  // namespace meshprobe
