#include "composefile/env_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <sstream>

#include "core/errors.h"
#include "core/user_file.h"

namespace meshprobe {
namespace {

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

// python-dotenv, which compose 1.29 uses, expands only the braced forms and leaves anything
// else (a password with a `$` in it) alone, so this never fails.
std::string expand(const std::string& value, const Variables& earlier, const Variables& environment) {
    std::string out;
    size_t pos = 0;
    while (pos < value.size()) {
        const auto start = value.find("${", pos);
        const auto close = start == std::string::npos ? std::string::npos : value.find('}', start);
        if (close == std::string::npos) break;
        out += value.substr(pos, start - pos);
        const std::string body = value.substr(start + 2, close - start - 2);
        const auto sep = body.find(":-");
        const std::string name = body.substr(0, sep);
        const auto find = [&](const Variables& in) -> const std::string* {
            const auto it = in.find(name);
            return it == in.end() ? nullptr : &it->second;
        };
        const std::string* found = find(earlier);
        if (!found) found = find(environment);
        if (found && !found->empty()) {
            out += *found;
        } else if (sep != std::string::npos) {
            out += body.substr(sep + 2);
        }
        pos = close + 1;
    }
    return out + value.substr(pos);
}

std::string unescape_double_quoted(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        const char next = text[++i];
        switch (next) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': out += '\r'; break;
            default: out += next; break;
        }
    }
    return out;
}

}  // namespace

bool has_dotenv(const std::string& path) {
    struct stat info;
    if (::stat(path.c_str(), &info) != 0) {
        if (errno == ENOENT || errno == ELOOP) return false;  // nothing there, as compose sees it
    } else if (S_ISDIR(info.st_mode)) {
        return false;
    }
    if (auto problem = user_file_problem(path)) throw InputError(SourceLocation{path}, "env file " + *problem);
    return true;
}

Variables read_env_file(const std::string& path, const Variables& environment, const SourceLocation& named_at) {
    std::istringstream in(read_user_file(path, "env file", named_at));
    Variables result;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        line = trim(line);
        if (line.empty() || line.front() == '#') continue;
        if (line.rfind("export ", 0) == 0) line = trim(line.substr(7));
        const auto equals = line.find('=');
        if (equals == std::string::npos) continue;  // a bare name declares nothing
        const std::string key = trim(line.substr(0, equals));
        if (key.empty()) throw InputError(SourceLocation{path, number}, "an env line needs a name before '='");
        std::string value = trim(line.substr(equals + 1));
        if (value.size() >= 2 && value.front() == '\'' && value.find('\'', 1) != std::string::npos) {
            value = value.substr(1, value.find('\'', 1) - 1);
        } else if (value.size() >= 2 && value.front() == '"') {
            size_t close = 1;
            while (close < value.size() && (value[close] != '"' || value[close - 1] == '\\')) ++close;
            value = expand(unescape_double_quoted(value.substr(1, close - 1)), result, environment);
        } else {
            const auto comment = value.find(" #");
            if (comment != std::string::npos) value = trim(value.substr(0, comment));
            value = expand(value, result, environment);
        }
        result[key] = value;
    }
    return result;
}

}  // namespace meshprobe
