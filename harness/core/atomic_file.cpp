#include "core/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

#include <fmt/format.h>

#include "core/errors.h"

namespace meshprobe {
namespace {

[[noreturn]] void fail(const std::string& path, int error) {
    throw InputError(fmt::format("cannot write {}: {}", path, std::strerror(error)));
}

std::string random_suffix() {
    std::random_device device;
    return fmt::format("{:08x}", device());
}

// Holds back the signals that cancel a command for one scope, in this thread: the handler (or
// the default action) runs once the file is whole and in place, never in between.
class SignalsHeld {
public:
    SignalsHeld() {
        sigset_t held;
        sigemptyset(&held);
        for (int signal : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&held, signal);
        ::pthread_sigmask(SIG_BLOCK, &held, &before_);
    }
    ~SignalsHeld() { ::pthread_sigmask(SIG_SETMASK, &before_, nullptr); }
    SignalsHeld(const SignalsHeld&) = delete;
    SignalsHeld& operator=(const SignalsHeld&) = delete;

private:
    sigset_t before_;
};

}  // namespace

bool write_all(int fd, std::string_view text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t wrote = ::write(fd, text.data() + done, text.size() - done);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) return false;
        done += static_cast<std::size_t>(wrote);
    }
    return true;
}

void write_new_file(const std::string& path, const std::string& text, unsigned mode) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) fail(path, errno);
    if (!write_all(fd, text) || ::fsync(fd) != 0) {
        const int error = errno;
        ::close(fd);
        ::unlink(path.c_str());
        fail(path, error);
    }
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(path.c_str());
        fail(path, error);
    }
}

void write_file_atomically(const std::string& path, const std::string& text) {
    const std::filesystem::path target(path);
    if (!target.has_filename()) throw InputError(fmt::format("cannot write {}: it names a folder", path));
    const std::string temp = fmt::format("{}.{}.tmp", path, random_suffix());
    const SignalsHeld held;
    // A regular file keeps its permissions; a link or a new file gets the umask's.
    struct stat existing;
    const bool regular = ::lstat(path.c_str(), &existing) == 0 && S_ISREG(existing.st_mode);
    write_new_file(temp, text, regular ? (existing.st_mode & 07777) : 0666);
    if (regular) ::chmod(temp.c_str(), existing.st_mode & 07777);  // the umask trimmed it
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temp.c_str());
        fail(path, error);
    }
}

}  // namespace meshprobe
