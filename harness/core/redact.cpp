#include "core/redact.h"

#include <regex>

namespace meshprobe {
namespace {

// Names that say their value is a credential.
constexpr const char* kSecretWord = "(?:token|secret|passw(?:or)?d|api[-_]?key|auth|credential)";

std::string redact_urls(const std::string& text) {
    // scheme://[userinfo@]host-and-path[?query][#fragment]
    static const std::regex url(R"(([A-Za-z][A-Za-z0-9+.-]*://)([^\s/?#]*@)?([^\s?#]*)(\?[^\s#]*)?(#\S*)?)");
    std::string out;
    auto last = text.cbegin();
    for (std::sregex_iterator it(text.begin(), text.end(), url), end; it != end; ++it) {
        const std::smatch& m = *it;
        out.append(last, m[0].first);
        out += m[1].str() + (m[2].matched ? "***@" : "") + m[3].str();
        if (m[4].matched) out += "?***";
        if (m[5].matched) out += "#***";
        last = m[0].second;
    }
    out.append(last, text.cend());
    return out;
}

}  // namespace

std::string redact(const std::string& text) {
    // The name and its separator are kept (group 1), the value goes.
    static const std::regex option(std::string(R"(((?:^|\s)--?[A-Za-z0-9_-]*)") + kSecretWord + R"([A-Za-z0-9_-]*[= ]+)\S+)",
                                   std::regex::icase);
    static const std::regex variable(std::string(R"((\b[A-Za-z0-9_]*)") + kSecretWord + R"([A-Za-z0-9_]*=)\S+)",
                                     std::regex::icase);
    static const std::regex bearer(R"(\b(Bearer|Basic|token)\s+[A-Za-z0-9._~+/=-]{8,})", std::regex::icase);
    std::string out = redact_urls(text);
    out = std::regex_replace(out, option, "$1***");
    out = std::regex_replace(out, variable, "$1***");
    out = std::regex_replace(out, bearer, "$1 ***");
    return out;
}

}  // namespace meshprobe
