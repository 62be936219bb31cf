#pragma once
#include <string>

#include "core/check.h"

namespace meshprobe {

// Writes each report whose path is not empty. InputError when a path cannot be written.
void write_report_files(const RunReport& report, const std::string& junit, const std::string& json,
                        const std::string& markdown);

}  // namespace meshprobe
