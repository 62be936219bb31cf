#pragma once
#include <string>

namespace meshprobe {

// A key read from a user's file, for a message: 'servces', quoted, when it looks like a name
// (letters, digits, `_.-`, at most 64); otherwise only described, "of 43 characters, not
// shown". A file that is no YAML at all (compose.files: [/etc/shadow]) parses as one long key,
// and its text (a password hash) must not reach a terminal or a CI log.
std::string quoted_name(const std::string& key);

}  // namespace meshprobe
