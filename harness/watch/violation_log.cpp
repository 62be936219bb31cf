#include "watch/violation_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/atomic_file.h"
#include "core/errors.h"

namespace meshprobe::watch {
namespace {

// What the log's last word on each fingerprint leaves open. Text after the last newline is a
// line cut short by something else that appended (watch itself writes whole lines): ignored.
std::map<std::string, LogEntry> read_open(const std::string& path, const std::string& text) {
    std::map<std::string, LogEntry> open;
    size_t start = 0;
    int number = 0;
    for (size_t end = text.find('\n'); end != std::string::npos; start = end + 1, end = text.find('\n', start)) {
        ++number;
        const std::string line = text.substr(start, end - start);
        if (line.empty()) continue;
        const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("fingerprint") || !j["fingerprint"].is_string() ||
            !j.contains("state")) {
            throw InputError(SourceLocation{path, number, 1},
                             "not a line of meshprobe watch's log (give --log a file of its own)");
        }
        const std::string fingerprint = j["fingerprint"].get<std::string>();
        if (j.value("state", "") != "open") {
            open.erase(fingerprint);
            continue;
        }
        LogEntry entry;
        entry.time = j.value("time", "");
        entry.fingerprint = fingerprint;
        entry.violation.kind = kind_from_string(j.value("kind", "")).value_or(Kind::attachment);
        entry.violation.service = j.value("service", "");
        if (j.contains("network") && j["network"].is_string()) entry.violation.network = j["network"].get<std::string>();
        entry.violation.detail = j.value("detail", "");
        open[fingerprint] = std::move(entry);
    }
    return open;
}

// Everything in the file from its start, read through the descriptor the log appends to.
std::string read_all(int fd, const std::string& path) {
    std::string text;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw InputError(fmt::format("--log {}: {}", path, std::strerror(errno)));
        if (n == 0) return text;
        text.append(buffer, static_cast<size_t>(n));
    }
}

}  // namespace

Source source_of(Kind kind) {
    switch (kind) {
        case Kind::reach:
        case Kind::dns:
        case Kind::egress: return Source::probes;
        default: return Source::model;
    }
}

ViolationLog::ViolationLog(const std::string& log_path, bool to_stdout) : to_stdout_(to_stdout) {
    if (log_path.empty()) return;
    // Never through a symbolic link: appending would grow whatever it points to.
    fd_ = ::open(log_path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0644);
    if (fd_ < 0 && errno == ELOOP) {
        throw InputError(fmt::format("--log {}: is a symbolic link; give the log's own path", log_path));
    }
    if (fd_ < 0) throw InputError(fmt::format("--log {}: {}", log_path, std::strerror(errno)));
    struct stat info;
    if (::fstat(fd_, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd_);
        fd_ = -1;
        throw InputError(fmt::format("--log {}: is not a regular file", log_path));
    }
    ::fcntl(fd_, F_SETFL, O_APPEND);  // blocking again; O_NONBLOCK only kept a FIFO from holding the open
    try {
        open_ = read_open(log_path, read_all(fd_, log_path));
    } catch (...) {
        ::close(fd_);
        fd_ = -1;
        throw;
    }
}

ViolationLog::~ViolationLog() {
    if (fd_ >= 0) ::close(fd_);
}

void ViolationLog::write(const LogEntry& entry) {
    const std::string line = nlohmann::json(entry).dump() + "\n";
    if (fd_ >= 0 && !write_all(fd_, line)) {
        throw InfraError(fmt::format("cannot append to the violation log: {}", std::strerror(errno)));
    }
    if (to_stdout_) write_all(STDOUT_FILENO, line);
    if (on_entry) on_entry(entry);
}

std::vector<LogEntry> ViolationLog::open_entries() const {
    std::lock_guard lock(mutex_);
    std::vector<LogEntry> entries;
    for (const auto& [fingerprint, entry] : open_) entries.push_back(entry);
    return entries;
}

std::vector<LogEntry> ViolationLog::update(Source source, const std::vector<Violation>& found) {
    std::lock_guard lock(mutex_);
    std::vector<LogEntry> written;
    std::map<std::string, const Violation*> now;
    for (const Violation& v : found) now.emplace(v.fingerprint(), &v);
    for (auto it = open_.begin(); it != open_.end();) {
        if (source_of(it->second.violation.kind) == source && !now.count(it->first)) {
            LogEntry resolved{iso8601_now(), it->second.violation, State::resolved, it->first};
            write(resolved);
            written.push_back(std::move(resolved));
            it = open_.erase(it);
        } else {
            ++it;
        }
    }
    for (const auto& [fingerprint, v] : now) {
        if (open_.count(fingerprint)) {
            open_[fingerprint].violation = *v;  // fresher words, same violation
            continue;
        }
        LogEntry opened{iso8601_now(), *v, State::open, fingerprint};
        write(opened);
        open_.emplace(fingerprint, opened);
        written.push_back(std::move(opened));
    }
    return written;
}

}  // namespace meshprobe::watch
