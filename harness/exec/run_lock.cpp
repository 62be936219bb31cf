#include "exec/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/atomic_file.h"
#include "core/errors.h"
#include "core/project_name.h"
#include "core/redact.h"
#include "engine/sha256.h"

namespace meshprobe {
namespace {

std::string now_text() {
    std::time_t now = std::time(nullptr);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S%z", std::localtime(&now));
    return text;
}

std::string own_command() {
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (char& c : raw) {
        if (c == '\0') c = ' ';
    }
    while (!raw.empty() && raw.back() == ' ') raw.pop_back();
    return raw;
}

std::string read_all(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

std::string state_directory() {
    std::string dir = ::geteuid() == 0 ? "/run/meshprobe" : fmt::format("/tmp/meshprobe-state-{}", ::geteuid());
    std::error_code ignored;
    std::filesystem::create_directories(dir, ignored);
    ::chmod(dir.c_str(), 0700);
    return dir;
}

EngineName engine_name(Docker& docker) { return {docker.engine_id(), redact(docker.client().host().url())}; }

std::string project_key(const std::string& engine_id, const std::string& project) {
    // The contract's name is checked when it is read and a label's before it gets here; this
    // keeps any other from naming a file outside the state folder.
    if (!valid_project_name(project)) {
        throw InfraError(fmt::format("'{}' is not a compose project name, so it names no lock", redact(project)));
    }
    return project + "-" + sha256_hex(engine_id).substr(0, 12);
}

ProjectLock::ProjectLock(const EngineName& engine, const std::string& project, const std::string& run_id) {
    std::string path = state_directory() + "/" + project_key(engine.id, project) + ".lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd_ < 0) throw InfraError(fmt::format("cannot open the lock file {}: {}", path, std::strerror(errno)));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        int error = errno;
        ::close(fd_);
        fd_ = -1;
        if (error != EWOULDBLOCK) throw InfraError(fmt::format("cannot lock {}: {}", path, std::strerror(error)));
        std::string holder = read_all(path);
        while (!holder.empty() && holder.back() == '\n') holder.pop_back();
        // Redacted again: a lock file written by an older meshprobe may hold a secret.
        throw InfraError(fmt::format("another meshprobe is running on project {} of engine {} ({}); it was left "
                                     "alone. Wait for it to finish, or stop it",
                                     project, engine.where, holder.empty() ? "holder unknown" : redact(holder)));
    }
    std::string holder = fmt::format("pid {}, started {}, run {}: {}", ::getpid(), now_text(), run_id, redact(own_command()));
    if (::ftruncate(fd_, 0) == 0) {
        ssize_t written = ::pwrite(fd_, holder.data(), holder.size(), 0);
        (void)written;  // the holder's description is a courtesy; the lock is what matters
    }
}

ProjectLock::~ProjectLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

std::string kept_run(const std::string& key) {
    std::string run = read_all(state_directory() + "/" + key + ".kept");
    while (!run.empty() && (run.back() == '\n' || run.back() == ' ')) run.pop_back();
    return run;
}

void mark_kept(const std::string& key, const std::string& run_id) {
    try {
        write_file_atomically(state_directory() + "/" + key + ".kept", run_id + "\n");
    } catch (const InputError&) {
        // Only a courtesy to `run --no-up`, which then replaces the kept stand-ins; never worth a failure.
    }
}

void forget_kept(const std::string& key) {
    std::error_code ignored;
    std::filesystem::remove(state_directory() + "/" + key + ".kept", ignored);
}

}  // namespace meshprobe
