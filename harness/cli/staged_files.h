#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace meshprobe {

// Files written all or nothing. Each is written first as a draft, which the caller checks (init
// loads them back); commit() then renames each draft onto its target. Until commit() has
// succeeded, destruction removes every draft and every folder this created, so a failure at any
// step leaves the disk as it was. Drafts sit on the target's file system, so a rename is atomic.
class StagedFiles {
public:
    StagedFiles() = default;
    StagedFiles(const StagedFiles&) = delete;
    StagedFiles& operator=(const StagedFiles&) = delete;
    ~StagedFiles();

    // Creates `dir` and any missing parent; whatever this creates goes again on failure.
    // `scratch`: removed after commit() as well (a folder of drafts).
    void create_folder(const std::filesystem::path& dir, bool scratch = false);

    // Writes `text` to `draft` now; commit() moves it to `target`. Throws InputError.
    void add(const std::filesystem::path& draft, const std::filesystem::path& target, const std::string& text);

    // Writes `text` to `path` now, for the caller's checks only: it goes again in any case.
    void add_scratch(const std::filesystem::path& path, const std::string& text);

    // Renames the drafts onto their targets in the order they were added. Throws InputError;
    // then the targets placed so far that did not exist before are removed again.
    void commit();

private:
    struct File {
        std::filesystem::path draft;
        std::filesystem::path target;
        bool target_existed = false;
    };
    std::vector<File> files_;
    std::vector<std::filesystem::path> created_;  // the topmost folder of each create_folder
    std::vector<std::filesystem::path> scratch_;  // files and folders removed in any case
    bool committed_ = false;
};

}  // namespace meshprobe
