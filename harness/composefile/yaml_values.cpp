#include "composefile/yaml_values.h"

#include "yaml/yaml_boolean.h"

#include <algorithm>
#include <cctype>

#include "core/errors.h"

namespace meshprobe {

void fail_at(const YamlNode& node, const std::string& message) { throw InputError(node.where(), message); }

std::string text_of(const YamlNode& node, const std::string& what) {
    if (!node.is_scalar()) fail_at(node, what + " must be a string");
    return node.scalar;
}

std::string optional_text(const YamlNode* node, const std::string& what) {
    if (!node || node->is_null()) return {};
    return text_of(*node, what);
}

bool flag_of(const YamlNode* node, const std::string& what) {
    if (!node || node->is_null()) return false;
    if (node->is_scalar()) {
        if (std::optional<bool> value = yaml_boolean(node->scalar)) return *value;
    }
    fail_at(*node, what + " must be true or false");
}

std::vector<std::string> names_of(const YamlNode* node, const std::string& what) {
    std::vector<std::string> result;
    if (!node || node->is_null()) return result;
    if (node->is_sequence()) {
        for (const auto& item : node->items) result.push_back(text_of(item, what + " entry"));
    } else if (node->is_mapping()) {
        for (const auto& entry : node->entries) result.push_back(entry.key.scalar);
    } else {
        fail_at(*node, what + " must be a list");
    }
    return result;
}

void expect_mapping(const YamlNode& node, const std::string& what) {
    if (!node.is_mapping()) fail_at(node, what + " must be a mapping");
}

}  // namespace meshprobe
