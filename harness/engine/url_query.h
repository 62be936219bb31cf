#pragma once
#include <string>
#include <string_view>

namespace meshprobe {

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string url_encode(std::string_view text);

// Builds "?name=value&..." for an engine path; empty when nothing was added.
class Query {
public:
    Query& add(std::string_view name, std::string_view value);
    std::string str() const { return text_; }

private:
    std::string text_;
};

}  // namespace meshprobe
