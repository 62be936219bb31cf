#include "reports/xml_text.h"

#include <cstdint>

namespace meshprobe {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one UTF-8 sequence at text[pos]; `length` is how many bytes it used. Invalid,
// overlong and surrogate sequences give U+FFFD and consume one byte, so decoding resynchronises.
char32_t decode_utf8(std::string_view text, std::size_t pos, std::size_t& length) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    length = 1;
    if (lead < 0x80) return lead;

    std::size_t extra = 0;
    char32_t code = 0;
    if ((lead & 0xE0) == 0xC0) {
        extra = 1;
        code = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        extra = 2;
        code = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        extra = 3;
        code = lead & 0x07;
    } else {
        return kReplacement;
    }
    if (pos + extra >= text.size()) return kReplacement;  // truncated at the end
    for (std::size_t i = 1; i <= extra; ++i) {
        const auto next = static_cast<unsigned char>(text[pos + i]);
        if ((next & 0xC0) != 0x80) return kReplacement;
        code = (code << 6) | (next & 0x3F);
    }
    static constexpr char32_t smallest[] = {0, 0x80, 0x800, 0x10000};
    const bool overlong = code < smallest[extra];
    const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
    if (overlong || surrogate || code > 0x10FFFF) return kReplacement;
    length = extra + 1;
    return code;
}

// XML 1.0 "Char" without the whitespace controls, which the callers treat separately;
// DEL and the C1 controls are legal XML but invisible noise in a report, so they go too.
bool printable_in_xml(char32_t code) {
    if (code < 0x20) return false;
    if (code >= 0x7F && code <= 0x9F) return false;
    if (code == 0xFFFE || code == 0xFFFF) return false;
    return true;
}

void append_utf8(std::string& out, char32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

std::string escape(std::string_view text, bool in_attribute) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t length = 0;
        const char32_t code = decode_utf8(text, pos, length);
        pos += length;
        switch (code) {
            case '&': out += "&amp;"; continue;
            case '<': out += "&lt;"; continue;
            case '>': out += "&gt;"; continue;  // also keeps "]]>" out of character data
            case '"': out += in_attribute ? "&quot;" : "\""; continue;
            case '\'': out += in_attribute ? "&apos;" : "'"; continue;
            case '\r': out += "&#13;"; continue;  // a raw CR would be normalised away
            case '\t': out += in_attribute ? "&#9;" : "\t"; continue;
            case '\n': out += in_attribute ? "&#10;" : "\n"; continue;
            default: break;
        }
        if (printable_in_xml(code)) append_utf8(out, code);
    }
    return out;
}

}  // namespace

std::string xml_text(std::string_view text) { return escape(text, false); }

std::string xml_attribute(std::string_view text) { return escape(text, true); }

}  // namespace meshprobe
