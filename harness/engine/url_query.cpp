#include "engine/url_query.h"

#include <cctype>

namespace meshprobe {

std::string url_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0x0F];
        }
    }
    return out;
}

Query& Query::add(std::string_view name, std::string_view value) {
    text_ += text_.empty() ? '?' : '&';
    text_ += url_encode(name);
    text_ += '=';
    text_ += url_encode(value);
    return *this;
}

}  // namespace meshprobe
