#pragma once
#include <string>
#include <vector>

#include "rules/check_run.h"

namespace meshprobe {

struct CheckRenderOptions {
    std::string base_dir;  // file paths are shown relative to it (the working directory)
    bool color = false;    // text: ANSI colours
    bool verbose = false;  // text: show notes too
    bool quiet = false;    // text: errors only, no summary
};

// The formats of `check --format`: text, json, sarif, junit, github.
const std::vector<std::string>& check_formats();

// InputError naming the formats when `format` is none of them.
void require_check_format(const std::string& format);

// The report in one format. InputError for an unknown format.
std::string render_check(const CheckReport& report, const std::string& format, const CheckRenderOptions& options);

}  // namespace meshprobe
