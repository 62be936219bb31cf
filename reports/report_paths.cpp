#include "reports/report_paths.h"

#include <filesystem>

namespace meshprobe {

std::string relative_path(const std::string& file, const std::string& base_dir) {
    namespace fs = std::filesystem;
    fs::path path(file);
    if (file.empty() || base_dir.empty() || path.is_relative()) return file;
    fs::path relative = path.lexically_normal().lexically_relative(fs::path(base_dir).lexically_normal());
    if (relative.empty() || *relative.begin() == "..") return file;
    return relative.string();
}

std::string relative_location(const SourceLocation& location, const std::string& base_dir) {
    if (location.file.empty()) return {};
    SourceLocation shown = location;
    shown.file = relative_path(std::filesystem::absolute(location.file).lexically_normal().string(), base_dir);
    return shown.str();
}

}  // namespace meshprobe
