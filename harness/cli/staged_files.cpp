#include "cli/staged_files.h"


#include "core/atomic_file.h"
#include "core/errors.h"

namespace meshprobe {

namespace fs = std::filesystem;

StagedFiles::~StagedFiles() {
    std::error_code ignored;
    if (!committed_) {
        for (const File& file : files_) fs::remove(file.draft, ignored);
        // Newest first: a folder created inside another goes before its parent.
        for (auto it = created_.rbegin(); it != created_.rend(); ++it) fs::remove_all(*it, ignored);
    }
    for (const fs::path& dir : scratch_) fs::remove_all(dir, ignored);
}

void StagedFiles::create_folder(const fs::path& dir, bool scratch) {
    std::error_code error;
    fs::path topmost;
    for (fs::path up = dir; !up.empty() && !fs::exists(up, error); up = up.parent_path()) {
        topmost = up;
        if (up == up.parent_path()) break;
    }
    fs::create_directories(dir, error);
    if (error) throw InputError("cannot create " + dir.string() + ": " + error.message());
    if (!topmost.empty()) created_.push_back(topmost);
    if (scratch) scratch_.push_back(dir);
}

namespace {

// A draft left by a killed init is removed first (a link itself, never what it points to).
void write_file(const fs::path& path, const std::string& text) {
    std::error_code ignored;
    fs::remove(path, ignored);
    write_new_file(path.string(), text);
}

}  // namespace

void StagedFiles::add(const fs::path& draft, const fs::path& target, const std::string& text) {
    std::error_code error;
    files_.push_back({draft, target, fs::exists(target, error)});
    write_file(draft, text);
}

void StagedFiles::add_scratch(const fs::path& path, const std::string& text) {
    scratch_.push_back(path);
    write_file(path, text);
}

void StagedFiles::commit() {
    std::error_code error;
    for (std::size_t i = 0; i < files_.size(); ++i) {
        fs::rename(files_[i].draft, files_[i].target, error);
        if (!error) continue;
        const std::string message = "cannot write " + files_[i].target.string() + ": " + error.message();
        for (std::size_t placed = 0; placed < i; ++placed) {
            if (!files_[placed].target_existed) fs::remove(files_[placed].target, error);
        }
        throw InputError(message);
    }
    committed_ = true;
}

}  // namespace meshprobe
