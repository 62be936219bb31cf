#include "contract/yaml_reader.h"

#include "yaml/yaml_boolean.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "contract/suggest.h"
#include "core/errors.h"
#include "core/quoted_name.h"
#include "core/user_file.h"

namespace meshprobe {

namespace {

SourceLocation locate(const YamlNode& node, const SourceLocation& fallback) {
    // A null value (`key:` and nothing) is marked where the next token starts, often a later line.
    if (node.is_null() || node.line <= 0) return fallback;
    return SourceLocation{fallback.file, node.line, node.column};
}

const char* kind_of(const YamlNode* node) {
    if (!node) return "nothing";
    if (node->is_sequence()) return "a list";
    if (node->is_mapping()) return "a mapping";
    if (node->is_scalar()) return "text";
    return "nothing";
}

std::string label(const Value& value) {
    return value.path.empty() ? "the top level" : value.path;
}

bool parse_digits(const std::string& text, long& out) {
    if (text.empty() || text.size() > 9) return false;
    if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    out = std::stol(text);
    return true;
}

}  // namespace

void Value::fail(const std::string& message) const {
    throw InputError(where, message);
}

Value Value::child(const YamlNode& child_node, std::string child_path,
                   const SourceLocation& fallback) const {
    return Value{&child_node, locate(child_node, fallback), std::move(child_path), document};
}

std::string Value::scalar(const std::string& expectation) const {
    if (!given()) {
        if (expectation == "text") fail(fmt::format("{} needs a value", label(*this)));
        fail(fmt::format("{} needs a value: {}", label(*this), expectation));
    }
    if (!node->is_scalar())
        fail(fmt::format("{} must be {}, not {}", label(*this), expectation, kind_of(node)));
    return node->scalar;
}

int Value::number(int min, int max) const {
    const std::string expectation = fmt::format("a whole number from {} to {}", min, max);
    std::string written = scalar(expectation);
    long parsed = 0;
    if (!parse_digits(written, parsed) || parsed < min || parsed > max)
        fail(fmt::format("{} must be {}, got '{}'", label(*this), expectation, written));
    return static_cast<int>(parsed);
}

bool Value::flag() const {
    std::string written = scalar("true or false");
    if (std::optional<bool> value = yaml_boolean(written)) return *value;
    fail(fmt::format("{} must be true or false, got '{}'", label(*this), written));
}

std::string Value::choice(const std::vector<std::string>& choices) const {
    const std::string expectation = fmt::format("{}", fmt::join(choices, " or "));
    std::string written = scalar(expectation);
    if (std::find(choices.begin(), choices.end(), written) != choices.end()) return written;
    fail(fmt::format("{} must be {}, got '{}'{}", label(*this), expectation, written,
                     did_you_mean(written, choices)));
}

std::vector<Value> Value::items(bool scalar_is_list) const {
    if (!given()) return {};
    if (node->is_scalar()) {
        if (scalar_is_list) return {*this};
        const std::string& written = node->scalar;
        if (written.size() > 40 || written.find('\n') != std::string::npos)
            fail(fmt::format("{} must be a list, not text", label(*this)));
        fail(fmt::format("{} must be a list, e.g. [{}]", label(*this), written));
    }
    if (!node->is_sequence())
        fail(fmt::format("{} must be a list, not {}", label(*this), kind_of(node)));
    std::vector<Value> result;
    for (size_t i = 0; i < node->items.size(); ++i)
        result.push_back(child(node->items[i], fmt::format("{}[{}]", path, i), where));
    return result;
}

std::vector<std::string> Value::texts(bool scalar_is_list) const {
    std::vector<std::string> result;
    for (const Value& item : items(scalar_is_list)) result.push_back(item.text());
    return result;
}

std::vector<int> Value::ports() const {
    std::vector<int> result;
    for (const Value& item : items(true)) result.push_back(item.number(1, 65535));
    return result;
}

Mapping::Mapping(const Value& value) : self_(value) {
    read(nullptr);
}

Mapping::Mapping(const Value& value, const std::vector<std::string>& known_keys) : self_(value) {
    read(&known_keys);
}

void Mapping::read(const std::vector<std::string>* known_keys) {
    if (!self_.given()) return;
    if (!self_.node->is_mapping())
        self_.fail(fmt::format("{} must be a mapping (key: value), not {}", label(self_),
                               kind_of(self_.node)));
    const std::string prefix = self_.path.empty() ? "" : self_.path + ".";
    const std::string place = self_.path.empty() ? "at the top level" : "in " + self_.path;
    // A contract's `services` can hold a thousand keys.
    std::unordered_map<std::string_view, int> first_line;
    for (const YamlEntry& entry : self_.node->entries) {
        SourceLocation key_where = locate(entry.key, self_.where);
        if (!entry.key.is_scalar() || entry.key.scalar.empty())
            throw InputError(key_where, fmt::format("keys {} must be plain names", place));
        const std::string& key = entry.key.scalar;
        auto [first, added] = first_line.emplace(key, key_where.line);
        if (!added)
            throw InputError(key_where, fmt::format("duplicate key {} {} (first at line {})", quoted_name(key),
                                                    place, first->second));
        if (known_keys && !key.starts_with("x-") &&
            std::find(known_keys->begin(), known_keys->end(), key) == known_keys->end()) {
            std::string hint = did_you_mean(key, *known_keys);
            if (hint.empty()) hint = fmt::format("; expected {}", fmt::join(*known_keys, ", "));
            throw InputError(key_where, fmt::format("unknown key {} {}{}", quoted_name(key), place, hint));
        }
        entries_.push_back(Entry{key, key_where, self_.child(entry.value, prefix + key, key_where)});
    }
}

std::optional<Value> Mapping::get(const std::string& key) const {
    for (const Entry& entry : entries_) {
        if (entry.key == key) return entry.value;
    }
    return std::nullopt;
}

Value Mapping::require(const std::string& key) const {
    if (auto value = get(key)) return *value;
    if (self_.path.empty()) self_.fail(fmt::format("missing required key '{}'", key));
    self_.fail(fmt::format("{} needs '{}'", self_.path, key));
}

Value load_yaml_file(const std::string& shown_path, const std::string& what) {
    std::shared_ptr<const YamlDocument> document =
        parse_yaml(read_user_file(shown_path, what), shown_path, DuplicateKeys::keep);
    return Value{&document->root, {shown_path, 1, 1}, "", document};
}

}  // namespace meshprobe
