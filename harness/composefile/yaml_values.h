#pragma once
#include <string>
#include <vector>

#include "yaml/yaml_tree.h"

namespace meshprobe {

// Typed reads of compose values; a wrong shape is an InputError at the node's file:line.

[[noreturn]] void fail_at(const YamlNode& node, const std::string& message);

// A string, a number or a boolean, as text.
std::string text_of(const YamlNode& node, const std::string& what);
// As text_of; "" for an absent or null value.
std::string optional_text(const YamlNode* node, const std::string& what);
// true/false (and YAML 1.1's yes/no/on/off, which compose 1.29 accepts); false when absent.
bool flag_of(const YamlNode* node, const std::string& what);
// A list of strings, or (for depends_on, networks) the keys of a mapping.
std::vector<std::string> names_of(const YamlNode* node, const std::string& what);
void expect_mapping(const YamlNode& node, const std::string& what);

}  // namespace meshprobe
