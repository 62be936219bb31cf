#pragma once
#include <string>
#include <vector>

#include "core/errors.h"
#include "rules/check_run.h"

namespace meshprobe {

struct CheckRenderOptions {
    std::string base_dir;  // file paths are shown relative to it (the working directory)
    bool color = false;    // text: ANSI colours
    bool verbose = false;  // text: show notes too
    bool quiet = false;    // text: errors only, no summary
    std::string rules_url;  // sarif: docs/rules.md as published, for each rule's helpUri; empty: none
};

// The formats of `check --format`: text, json, sarif, junit, github.
const std::vector<std::string>& check_formats();

// InputError naming the formats when `format` is none of them.
void require_check_format(const std::string& format);

// The report in one format. InputError for an unknown format.
std::string render_check(const CheckReport& report, const std::string& format, const CheckRenderOptions& options);

// The report of a check that could not be made (exit 2): `error`'s mistakes, each at its
// location, in the format; `report` gives the version and contract, and has no findings.
// Empty for text, whose reader has them on standard error.
std::string render_input_errors(const CheckReport& report, const InputError& error, const std::string& format,
                                const CheckRenderOptions& options);

}  // namespace meshprobe
