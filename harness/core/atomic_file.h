#pragma once
#include <string>
#include <string_view>

namespace meshprobe {

// Writes all of `text` to `fd`, retrying short writes and EINTR; false (errno set) on failure.
// To a file opened O_APPEND one call is the whole text, as far as the kernel allows. It only
// calls write(2), so a signal handler may use it.
bool write_all(int fd, std::string_view text);

// Creates `path` as a new file holding `text`, flushed to disk: O_EXCL and O_NOFOLLOW, so it
// never writes into a file or through a symbolic link that is already there. `mode` before the
// umask. Throws InputError "cannot write PATH: why"; nothing is left behind then.
void write_new_file(const std::string& path, const std::string& text, unsigned mode = 0666);

// Replaces `path` with a file holding `text`, all or nothing: the text goes to
// `<path>.<random>.tmp` in the same folder (write_new_file), which is then renamed over the
// target. A symbolic link at the target is replaced by the file, and what it pointed to is left
// untouched. An existing regular target keeps its permissions. Ctrl-C and SIGTERM are held back
// for the moment of the write, so no signal leaves the temporary file; any failure removes it.
// Throws InputError "cannot write PATH: why".
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace meshprobe
