#pragma once
#include <string>

#include "core/check.h"

namespace meshprobe {

// A Markdown summary for CI step summaries ($GITHUB_STEP_SUMMARY): a headline with a status
// icon and the counts, a per-suite table, a table of failures and errors, the notes (reverse
// paths) in a collapsed <details>, and the infrastructure error with the compose log if any.
std::string render_markdown(const RunReport& report);

// A cell of a Markdown table: pipes escaped, line breaks made spaces, "-" when empty.
std::string table_cell(const std::string& text);

}  // namespace meshprobe
