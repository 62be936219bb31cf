#include "compose_oracle.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "compose/child_process.h"

namespace fs = std::filesystem;

namespace meshprobe::testing {
namespace {

std::string cache_key(const OracleRequest& request) {
    std::string material;
    for (const auto& file : request.files) material += file + "\n" + read_text(file) + "\n";
    material += request.env_file + "\n";
    if (!request.env_file.empty()) material += read_text(request.env_file);
    for (const auto& [key, value] : request.environment) material += key + "=" + value + "\n";
    if (request.v2) {
        material += "v2 -p " + request.project_name + " in " + request.directory + "\n";
        for (const auto& profile : request.profiles) material += "--profile " + profile + "\n";
    }
    if (request.files.empty() && !request.directory.empty()) {
        // compose picks its files, .env and override there: they are the request.
        std::vector<fs::path> beside;
        for (const auto& entry : fs::directory_iterator(request.directory)) {
            if (entry.is_regular_file()) beside.push_back(entry.path());
        }
        std::sort(beside.begin(), beside.end());
        for (const auto& file : beside) material += file.string() + "\n" + read_text(file) + "\n";
    }
    std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a
    for (unsigned char c : material) hash = (hash ^ c) * 1099511628211ULL;
    std::ostringstream out;
    out << std::hex << hash;
    return out.str();
}

std::string repo_of(const std::string& file, const std::string& corpus_root) {
    const std::string relative = fs::path(file).lexically_relative(corpus_root).string();
    return relative.substr(0, relative.find('/'));
}

// A path under the corpus, in the mirror; a generated file outside the corpus stays where it is.
std::string in_mirror(const std::string& path, const std::string& corpus_root, const fs::path& mirror) {
    const fs::path relative = fs::path(path).lexically_relative(corpus_root);
    if (relative.empty() || *relative.begin() == "..") return path;
    return (mirror / relative).string();
}

std::string run_directory(const OracleRequest& request) {
    return request.directory.empty() ? fs::path(request.files.front()).parent_path().string() : request.directory;
}

ChildResult run_compose(const OracleRequest& request, const std::string& corpus_root, const fs::path& mirror) {
    ChildRequest child;
    child.program = "/usr/bin/env";
    child.timeout = std::chrono::milliseconds(180'000);
    child.args.push_back("-i");
    if (request.v2) child.args.push_back("--chdir=" + in_mirror(run_directory(request), corpus_root, mirror));
    for (const auto& [key, value] : request.environment) child.args.push_back(key + "=" + value);
    if (request.v2) {
        child.args.insert(child.args.end(), {"/usr/bin/docker", "compose"});
        if (!request.project_name.empty()) child.args.insert(child.args.end(), {"-p", request.project_name});
        for (const auto& profile : request.profiles) child.args.insert(child.args.end(), {"--profile", profile});
    } else {
        child.args.push_back("/usr/bin/docker-compose");
        child.args.push_back("--project-directory");
        child.args.push_back(in_mirror(run_directory(request), corpus_root, mirror));
    }
    if (!request.env_file.empty()) {
        child.args.push_back("--env-file");
        child.args.push_back(in_mirror(request.env_file, corpus_root, mirror));
    }
    for (const auto& file : request.files) {
        child.args.push_back("-f");
        child.args.push_back(in_mirror(file, corpus_root, mirror));
    }
    child.args.push_back("config");
    return run_child(child);
}

// Real folders, files as links: compose reads the corpus, and the mirror can grow folders.
void mirror_folder(const fs::path& from, const fs::path& to) {
    fs::create_directories(to);
    for (const auto& entry : fs::recursive_directory_iterator(from)) {
        const fs::path target = to / entry.path().lexically_relative(from);
        if (entry.is_directory()) {
            fs::create_directories(target);
        } else {
            fs::create_symlink(entry.path(), target);
        }
    }
}

// Adds what compose reported missing to the mirror; false when the failure is of another kind.
bool repair_mirror(const std::string& error, const fs::path& mirror) {
    static const std::regex build_path("build path (\\S+) either does not exist");
    static const std::regex env_file("Couldn't find env file: (\\S+)|env file (\\S+) not found");
    std::smatch match;
    if (std::regex_search(error, match, build_path) && match[1].str().rfind(mirror.string(), 0) == 0) {
        fs::remove(match[1].str());  // a dangling link, or nothing
        fs::create_directories(match[1].str());
        return true;
    }
    if (std::regex_search(error, match, env_file)) {
        const std::string missing = match[1].matched ? match[1].str() : match[2].str();
        if (missing.rfind(mirror.string(), 0) != 0) return false;
        fs::remove(missing);  // a dangling link, or nothing
        fs::create_directories(fs::path(missing).parent_path());
        std::ofstream(missing).flush();
        return true;
    }
    return false;
}

}  // namespace

OracleAnswer render_with_compose(const OracleRequest& request, const std::string& corpus_root,
                                 const std::string& work_dir) {
    const std::string key = cache_key(request);
    const fs::path cached = fs::path(work_dir) / "cache" / (key + ".yaml");
    const fs::path cached_error = fs::path(work_dir) / "cache" / (key + ".error");
    if (fs::exists(cached)) return {true, read_text(cached), {}};
    if (fs::exists(cached_error)) return {false, {}, read_text(cached_error)};

    const fs::path mirror = fs::path(work_dir) / "mirror" / key;
    fs::remove_all(mirror);
    fs::create_directories(mirror);
    const std::string repo = repo_of(request.files.empty() ? request.directory : request.files.front(), corpus_root);
    mirror_folder(fs::path(corpus_root) / repo, mirror / repo);

    ChildResult result = run_compose(request, corpus_root, mirror);
    for (int attempt = 0; attempt < 40 && !result.ok() && repair_mirror(result.err, mirror); ++attempt) {
        result = run_compose(request, corpus_root, mirror);
    }
    fs::remove_all(mirror);
    if (result.ok()) {
        write_text(cached, result.out);
        return {true, result.out, {}};
    }
    write_text(cached_error, result.err);
    return {false, {}, result.err};
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_text(const std::string& path, const std::string& text) {
    fs::create_directories(fs::path(path).parent_path());
    if (fs::is_regular_file(fs::symlink_status(path)) && read_text(path) == text) return;
    const std::string partial = path + ".partial";
    std::ofstream(partial, std::ios::binary) << text;
    fs::rename(partial, path);  // atomic, so parallel test processes never read half a file
}

void mirror_repo(const std::string& corpus_root, const std::string& repo, const std::string& to) {
    mirror_folder(fs::path(corpus_root) / repo, fs::path(to) / repo);
}

}  // namespace meshprobe::testing
