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

// A null value (`key:` and nothing) is marked where the next token starts, often a later line,
// so it keeps the place of its key.
bool placed(const YamlNode& node) {
    return !node.is_null() && node.line > 0;
}

const char* kind_of(const YamlNode* node) {
    if (!node) return "nothing";
    if (node->is_sequence()) return "a list";
    if (node->is_mapping()) return "a mapping";
    if (node->is_scalar()) return "text";
    return "nothing";
}

std::string label(const Value& value) {
    std::string path = value.path();
    return path.empty() ? "the top level" : path;
}

// Finds `target` below `node`, whose path is `path`, and leaves `path` as the target's.
bool find_path(const YamlNode& node, const YamlNode* target, std::string& path) {
    if (&node == target) return true;
    const std::size_t length = path.size();
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        path += fmt::format("[{}]", i);
        if (find_path(node.items[i], target, path)) return true;
        path.resize(length);
    }
    for (const YamlEntry& entry : node.entries) {
        path += (length == 0 ? "" : ".") + entry.key.scalar;
        if (find_path(entry.value, target, path)) return true;
        path.resize(length);
    }
    return false;
}

bool parse_digits(const std::string& text, long& out) {
    if (text.empty() || text.size() > 9) return false;
    if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    out = std::stol(text);
    return true;
}

}  // namespace

std::string Value::path() const {
    std::string found;
    if (node && document && find_path(document->root, node, found)) return found;
    return {};
}

void Value::fail(const std::string& message) const {
    throw InputError(where(), message);
}

Value Value::child(const YamlNode& child_node, int fallback_line, int fallback_column) const {
    const bool own_place = placed(child_node);
    return Value{&child_node, document, file, own_place ? child_node.line : fallback_line,
                 own_place ? child_node.column : fallback_column, {}};
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
        result.push_back(child(node->items[i], line, column));
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
    // Worked out only for a message: a path is found by a walk of the document.
    auto place = [&] {
        const std::string path = self_.path();
        return path.empty() ? std::string("at the top level") : "in " + path;
    };
    // A contract's `services` can hold a thousand keys.
    std::unordered_map<std::string_view, int> first_line;
    entries_.reserve(self_.node->entries.size());
    for (const YamlEntry& entry : self_.node->entries) {
        const bool own_place = placed(entry.key);
        Entry read{entry.key.scalar, own_place ? entry.key.line : self_.line,
                   own_place ? entry.key.column : self_.column, {}};
        read.value = self_.child(entry.value, read.key_line, read.key_column);
        if (!entry.key.is_scalar() || entry.key.scalar.empty())
            throw InputError(read.key_where(), fmt::format("keys {} must be plain names", place()));
        const std::string& key = entry.key.scalar;
        auto [first, added] = first_line.emplace(key, read.key_line);
        if (!added)
            throw InputError(read.key_where(), fmt::format("duplicate key {} {} (first at line {})",
                                                           quoted_name(key), place(), first->second));
        if (known_keys && !key.starts_with("x-") &&
            std::find(known_keys->begin(), known_keys->end(), key) == known_keys->end()) {
            std::string hint = did_you_mean(key, *known_keys);
            if (hint.empty()) hint = fmt::format("; expected {}", fmt::join(*known_keys, ", "));
            throw InputError(read.key_where(), fmt::format("unknown key {} {}{}", quoted_name(key), place(), hint));
        }
        entries_.push_back(std::move(read));
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
    const std::string path = self_.path();
    if (path.empty()) self_.fail(fmt::format("missing required key '{}'", key));
    self_.fail(fmt::format("{} needs '{}'", path, key));
}

Value load_yaml_file(const std::string& shown_path, const std::string& what) {
    std::shared_ptr<const YamlDocument> document =
        parse_yaml(read_user_file(shown_path, what), shown_path, DuplicateKeys::keep);
    return Value{&document->root, document.get(), document->file.get(), 1, 1, document};
}

}  // namespace meshprobe
