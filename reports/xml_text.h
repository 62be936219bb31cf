#pragma once
#include <string>
#include <string_view>

namespace meshprobe {

// Escaping for XML 1.0 output. Both functions always produce well-formed output whatever the
// input: characters XML cannot carry (NUL and other control characters) are dropped, and
// bytes that are not valid UTF-8 become U+FFFD, because check text can hold raw probe output.

// Character data between tags; quotes, newlines and tabs stay as they are, for readability.
std::string xml_text(std::string_view text);

// An attribute value in double or single quotes (both are escaped); tab, newline and carriage return are written
// as character references so that attribute normalisation does not turn them into spaces.
std::string xml_attribute(std::string_view text);

}  // namespace meshprobe
