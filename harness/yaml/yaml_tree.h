#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/source_location.h"

namespace meshprobe {

struct YamlEntry;

// A YAML document as compose (and the contract) sees it: aliases expanded, merge keys (`<<`) applied, and every
// node remembering the file and line it was written at, so that elements copied between files
// by `extends`, `include` and anchors keep pointing at their origin.
struct YamlNode {
    enum class Kind : unsigned char { null, scalar, sequence, mapping };
    // The only tags compose reads; any other is ignored, as compose does.
    enum class Tag : unsigned char { none, reset, override };

    // A compose file of 20,000 services has a million nodes: the small fields share a word.
    Kind kind = Kind::null;
    Tag tag = Tag::none;            // compose's `!reset` and `!override`
    bool quoted = false;            // a quoted scalar is always a string, never a number or bool
    std::string scalar;
    std::vector<YamlNode> items;    // sequence
    std::vector<YamlEntry> entries; // mapping, in document order
    const std::string* file = nullptr;  // owned by the YamlDocument the node was read from
    int line = 0;
    int column = 0;

    bool is_null() const { return kind == Kind::null; }
    bool is_scalar() const { return kind == Kind::scalar; }
    bool is_sequence() const { return kind == Kind::sequence; }
    bool is_mapping() const { return kind == Kind::mapping; }

    SourceLocation where() const;
    // The value under `key` in a mapping; nullptr when absent or when this is no mapping.
    const YamlNode* find(std::string_view key) const;
    YamlNode* find(std::string_view key);
};

struct YamlEntry {
    YamlNode key;
    YamlNode value;
};

struct YamlDocument {
    std::unique_ptr<const std::string> file;  // stable address for the nodes' `file`
    YamlNode root;
};

// A key given twice in one mapping: refused here, or kept (both entries, in order) for a
// reader that names the mapping in its own message.
enum class DuplicateKeys { refuse, keep };

// Parses one YAML document; `file` labels the locations. Throws InputError with file:line for
// text that is not YAML, for a second document, for alias bombs, for nesting deeper than 256
// levels and, unless kept, for a mapping key given twice. Linear in the size of the text.
// Cancelled after Ctrl-C.
std::unique_ptr<YamlDocument> parse_yaml(const std::string& text, const std::string& file,
                                         DuplicateKeys duplicates = DuplicateKeys::refuse);

}  // namespace meshprobe
