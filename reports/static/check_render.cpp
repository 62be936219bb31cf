#include "reports/static/check_render.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/errors.h"
#include "reports/static/check_github.h"
#include "reports/static/check_json.h"
#include "reports/static/check_junit.h"
#include "reports/static/check_sarif.h"
#include "reports/static/check_text.h"

namespace meshprobe {

const std::vector<std::string>& check_formats() {
    static const std::vector<std::string> formats{"text", "json", "sarif", "junit", "github"};
    return formats;
}

void require_check_format(const std::string& format) {
    const auto& formats = check_formats();
    if (std::find(formats.begin(), formats.end(), format) != formats.end()) return;
    throw InputError(fmt::format("--format {}: no such format ({})", format, fmt::join(formats, ", ")));
}

std::string render_check(const CheckReport& report, const std::string& format, const CheckRenderOptions& options) {
    require_check_format(format);
    if (format == "json") return render_check_json(report, options.base_dir);
    if (format == "sarif") return render_check_sarif(report, options.base_dir, options.rules_url);
    if (format == "junit") return render_check_junit(report, options.base_dir);
    if (format == "github") return render_check_github(report, options.base_dir);
    return render_check_text(report, options);
}

std::string render_input_errors(const CheckReport& report, const InputError& error, const std::string& format,
                                const CheckRenderOptions& options) {
    const ShownInputErrors errors = shown_input_errors(error);
    if (format == "json") return render_input_errors_json(report, errors, options.base_dir);
    if (format == "sarif") return render_input_errors_sarif(report, errors, options.base_dir, options.rules_url);
    if (format == "junit") return render_input_errors_junit(errors, options.base_dir);
    if (format == "github") return render_input_errors_github(report, errors, options.base_dir);
    return {};
}

}  // namespace meshprobe
