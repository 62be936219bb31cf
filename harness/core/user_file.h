#pragma once
#include <optional>
#include <string>

#include "core/source_location.h"

namespace meshprobe {

// Larger than any contract, compose or env file; it keeps a huge or endless file (a device,
// a runaway generator) from eating memory.
constexpr long kMaxUserFileBytes = 64L * 1024 * 1024;

// Why `path` cannot be read as a user's file ("not found", "is a folder, not a file", "is
// not a regular file (a FIFO)", ...), or nothing when it is a regular file. Looks without
// opening: opening a FIFO for reading blocks until someone writes to it.
std::optional<std::string> user_file_problem(const std::string& path);

// The content of a file the user named (a contract, compose, env or metadata file); `what`
// names it in messages. Throws InputError "path: what problem", or, when the file was named
// in another file, "named_at: what 'path' problem".
std::string read_user_file(const std::string& path, const std::string& what, const SourceLocation& named_at = {});

// What a command prints: to standard output when `path` is empty, else into that file, whole
// (write_file_atomically: never through a symbolic link). InputError "cannot write PATH: why".
void write_output(const std::string& text, const std::string& path);

}  // namespace meshprobe
