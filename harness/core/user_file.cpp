#include "core/user_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "core/atomic_file.h"
#include "core/errors.h"

namespace meshprobe {
namespace {

std::optional<std::string> problem_of_type(mode_t mode) {
    if (S_ISREG(mode)) return std::nullopt;
    if (S_ISDIR(mode)) return "is a folder, not a file";
    if (S_ISFIFO(mode)) return "is not a regular file (a FIFO)";
    if (S_ISSOCK(mode)) return "is not a regular file (a socket)";
    if (S_ISCHR(mode)) return "is not a regular file (a character device)";
    if (S_ISBLK(mode)) return "is not a regular file (a block device)";
    return "is not a regular file";
}

std::string problem_of_errno(int error, const std::string& path) {
    switch (error) {
        case ENOENT: {
            struct stat link;
            if (::lstat(path.c_str(), &link) == 0) return "not found (a symbolic link to a missing file)";
            return "not found";
        }
        case ENOTDIR: return "not found (a part of its path is a file, not a folder)";
        case ELOOP: return "is a symbolic link loop";
        case EACCES:
        case EPERM: return "cannot be read (permission denied)";
        case ENAMETOOLONG: return "has a path too long for the system";
        default: return std::string("cannot be read: ") + std::strerror(error);
    }
}

std::string too_large() { return "is larger than " + std::to_string(kMaxUserFileBytes >> 20) + " MiB"; }

// Closes the descriptor however reading ends.
class Descriptor {
public:
    explicit Descriptor(int fd) : fd_(fd) {}
    ~Descriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

// The content, or the problem. The file may change between the look and the open, so the
// open does not block on a FIFO and the type is checked again on what was opened.
std::string read_regular_file(const std::string& path, std::optional<std::string>& problem) {
    const Descriptor file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    struct stat info;
    if (file.get() < 0 || ::fstat(file.get(), &info) != 0) {
        problem = problem_of_errno(errno, path);
        return {};
    }
    if ((problem = problem_of_type(info.st_mode))) return {};
    if (info.st_size > kMaxUserFileBytes) {
        problem = too_large();
        return {};
    }
    std::string content;
    content.resize(static_cast<size_t>(info.st_size) + 1);
    size_t length = 0;
    for (;;) {
        if (length == content.size()) {
            if (content.size() > static_cast<size_t>(kMaxUserFileBytes)) {
                problem = too_large();  // it grew while being read
                return {};
            }
            content.resize(content.size() * 2);
        }
        const ssize_t got = ::read(file.get(), content.data() + length, content.size() - length);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            problem = problem_of_errno(errno, path);
            return {};
        }
        if (got == 0) break;
        length += static_cast<size_t>(got);
    }
    content.resize(length);
    return content;
}

}  // namespace

std::optional<std::string> user_file_problem(const std::string& path) {
    if (path.empty()) return "not given (empty path)";
    struct stat info;
    if (::stat(path.c_str(), &info) != 0) return problem_of_errno(errno, path);
    return problem_of_type(info.st_mode);
}

std::string read_user_file(const std::string& path, const std::string& what, const SourceLocation& named_at) {
    auto fail = [&](const std::string& problem) {
        if (!named_at.file.empty()) throw InputError(named_at, what + " '" + path + "' " + problem);
        throw InputError(SourceLocation{path}, what + " " + problem);
    };
    if (path.empty()) {
        if (!named_at.file.empty()) throw InputError(named_at, "no " + what + " given (empty path)");
        throw InputError("no " + what + " given (empty path)");
    }
    if (auto problem = user_file_problem(path)) fail(*problem);
    std::optional<std::string> problem;
    std::string content = read_regular_file(path, problem);
    if (problem) fail(*problem);
    return content;
}

void write_output(const std::string& text, const std::string& path) {
    if (path.empty()) {
        std::cout << text << std::flush;
        return;
    }
    write_file_atomically(path, text);
}

}  // namespace meshprobe
