#pragma once
#include <cstddef>
#include <string_view>

namespace meshprobe {

// Longest project name meshprobe takes from the engine; it stays well inside a file name's
// 255 bytes once the lock's suffixes are added.
inline constexpr std::size_t kMaxProjectNameLength = 128;

// Whether `name` is a compose project name ([a-z0-9][a-z0-9_-]*, at most
// kMaxProjectNameLength): the test a name read from the engine (a label) must pass before it
// names a file, a lock or a filter, since anyone who can start a container can set labels.
bool valid_project_name(std::string_view name);

}  // namespace meshprobe
