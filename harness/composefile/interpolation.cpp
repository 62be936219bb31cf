#include "composefile/interpolation.h"

#include "core/errors.h"

namespace meshprobe {
namespace {

// Each `${name:-...}` inside another is one more level of recursion; real values nest two or
// three, and the limit keeps a crafted value from overflowing the stack.
constexpr int kMaxNesting = 64;

bool is_name_start(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

class Interpolator {
public:
    Interpolator(const std::string& text, const Variables& variables, const SourceLocation& where,
                 std::vector<UnsetVariable>* unset, const UnsetVariable* context)
        : text_(text), variables_(variables), where_(where), unset_(unset), context_(context) {}

    std::string run() {
        std::string out;
        pos_ = 0;
        expand_until(out, false);
        return out;
    }

private:
    // Expands text up to the end, or up to the `}` that closes the current braced expression.
    void expand_until(std::string& out, bool inside_braces) {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (inside_braces && c == '}') return;
            if (c != '$') {
                out += c;
                ++pos_;
                continue;
            }
            ++pos_;
            if (pos_ >= text_.size()) fail("a '$' ends the value; write '$$' for a literal '$'");
            const char next = text_[pos_];
            if (next == '$') {
                out += '$';
                ++pos_;
            } else if (next == '{') {
                ++pos_;
                out += braced();
            } else if (is_name_start(next)) {
                out += blank_if_unset(read_name());
            } else {
                fail("invalid interpolation: '$' must be followed by a name, '{' or '$'");
            }
        }
        if (inside_braces) fail("unterminated '${'");
    }

    std::string braced() {
        const std::string name = read_name();
        if (name.empty()) fail("invalid interpolation: '${' must be followed by a variable name");
        if (pos_ >= text_.size()) fail("unterminated '${" + name + "'");
        if (text_[pos_] == '}') {
            ++pos_;
            return blank_if_unset(name);
        }
        bool colon = false;
        if (text_[pos_] == ':') {
            colon = true;
            ++pos_;
        }
        if (pos_ >= text_.size()) fail("unterminated '${" + name + "'");
        const char op = text_[pos_++];
        if (op != '-' && op != '?' && op != '+') fail("invalid interpolation '${" + name + "...': unknown operator");
        std::string argument;
        if (++nesting_ > kMaxNesting)
            fail("'${' nested deeper than " + std::to_string(kMaxNesting) + " levels");
        expand_until(argument, true);
        --nesting_;
        ++pos_;  // the closing brace

        const std::optional<std::string> value = lookup(name);
        // With a colon an empty value counts as unset.
        const bool set = value && (!colon || !value->empty());
        switch (op) {
            case '-':
                return set ? *value : argument;
            case '+':
                return set ? argument : std::string();
            default:  // '?'
                if (!set) {
                    fail("required variable " + name + " is missing a value" +
                         (argument.empty() ? std::string() : ": " + argument));
                }
                return *value;
        }
    }

    std::string read_name() {
        const size_t start = pos_;
        if (pos_ < text_.size() && is_name_start(text_[pos_])) {
            while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
        }
        return text_.substr(start, pos_ - start);
    }

    std::string blank_if_unset(const std::string& name) {
        std::optional<std::string> value = lookup(name);
        if (value) return *value;
        if (unset_) {
            UnsetVariable found = context_ ? *context_ : UnsetVariable{};
            found.name = name;
            found.where = where_;
            unset_->push_back(std::move(found));
        }
        return "";
    }

    std::optional<std::string> lookup(const std::string& name) const {
        const auto it = variables_.find(name);
        if (it == variables_.end()) return std::nullopt;
        return it->second;
    }

    [[noreturn]] void fail(const std::string& message) const {
        // Enough of the value to find it; a crafted one can be megabytes long.
        constexpr size_t kShown = 80;
        const std::string shown = text_.size() > kShown ? text_.substr(0, kShown) + "..." : text_;
        throw InputError(where_, message + " (in \"" + shown + "\")");
    }

    const std::string& text_;
    const Variables& variables_;
    const SourceLocation& where_;
    std::vector<UnsetVariable>* unset_;
    const UnsetVariable* context_;
    size_t pos_ = 0;
    int nesting_ = 0;
};

}  // namespace

std::string interpolate(const std::string& text, const Variables& variables, const SourceLocation& where,
                        std::vector<UnsetVariable>* unset, const UnsetVariable* context) {
    if (text.find('$') == std::string::npos) return text;
    return Interpolator(text, variables, where, unset, context).run();
}

void interpolate_values(YamlNode& node, const Variables& variables, std::vector<UnsetVariable>* unset,
                        const UnsetVariable* context) {
    switch (node.kind) {
        case YamlNode::Kind::scalar:
            if (node.scalar.find('$') != std::string::npos) {
                node.scalar = interpolate(node.scalar, variables, node.where(), unset, context);
            }
            break;
        case YamlNode::Kind::sequence:
            for (auto& item : node.items) interpolate_values(item, variables, unset, context);
            break;
        case YamlNode::Kind::mapping:
            for (auto& entry : node.entries) interpolate_values(entry.value, variables, unset, context);
            break;
        case YamlNode::Kind::null:
            break;
    }
}

}  // namespace meshprobe
