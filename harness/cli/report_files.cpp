#include "cli/report_files.h"

#include <filesystem>

#include "core/atomic_file.h"
#include "reports/json_report.h"
#include "reports/junit.h"
#include "reports/markdown.h"

namespace meshprobe {
namespace {

void write(const std::string& path, const std::string& text) {
    if (path.empty()) return;
    std::filesystem::path target(path);
    std::error_code ignored;
    if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ignored);
    write_file_atomically(path, text);
}

}  // namespace

void write_report_files(const RunReport& report, const std::string& junit, const std::string& json,
                        const std::string& markdown) {
    if (!junit.empty()) write(junit, render_junit(report));
    if (!json.empty()) write(json, render_json(report));
    if (!markdown.empty()) write(markdown, render_markdown(report));
}

}  // namespace meshprobe
