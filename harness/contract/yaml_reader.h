#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/source_location.h"
#include "yaml/yaml_tree.h"

namespace meshprobe {

// A YAML node together with where it was written, so that every reading mistake becomes an
// InputError a person can act on, naming the node by its dotted path ("tiers.edge.egress").
// A contract of thousands of services makes a value per node, so a value is cheap to make and
// copy: it points at its file's name, and its path is worked out only for a message.
struct Value {
    const YamlNode* node = nullptr;  // nullptr when the key is not written at all
    const YamlDocument* document = nullptr;  // holds `node`; alive while its top level is
    const std::string* file = nullptr;       // the document's name as the user gave it
    int line = 0;                            // where it is, or where its key is when it is null
    int column = 0;
    std::shared_ptr<const YamlDocument> owner;  // set on a document's top level only

    SourceLocation where() const { return SourceLocation{file ? *file : std::string{}, line, column}; }
    // Its dotted path, e.g. "services.api.ports[0]"; empty for the top level.
    std::string path() const;

    bool given() const { return node && !node->is_null(); }

    [[noreturn]] void fail(const std::string& message) const;

    // The node is a child of this one; a null child (`key:` with nothing) is placed at the
    // fallback line and column (its key's).
    Value child(const YamlNode& child_node, int fallback_line, int fallback_column) const;

    // The text of a scalar; otherwise fails with "<path> must be <expectation>".
    std::string scalar(const std::string& expectation) const;
    std::string text() const { return scalar("text"); }
    int number(int min, int max) const;
    bool flag() const;
    std::string choice(const std::vector<std::string>& choices) const;
    // A null node is an empty list; a scalar counts as a one-entry list only when allowed.
    std::vector<Value> items(bool scalar_is_list = false) const;
    std::vector<std::string> texts(bool scalar_is_list = false) const;
    // Port numbers 1..65535, one or a list.
    std::vector<int> ports() const;
};

// A YAML mapping whose keys have been checked: plain text, no duplicates and, when the
// mapping has a fixed set of keys, only those (plus `x-` extension keys, as compose allows).
class Mapping {
public:
    struct Entry {
        std::string key;
        int key_line = 0;
        int key_column = 0;
        Value value;

        SourceLocation key_where() const { return SourceLocation{*value.file, key_line, key_column}; }
    };

    // Keys are names chosen by the user (tiers, services, environments).
    explicit Mapping(const Value& value);
    Mapping(const Value& value, const std::vector<std::string>& known_keys);

    const std::vector<Entry>& entries() const { return entries_; }
    std::optional<Value> get(const std::string& key) const;
    Value require(const std::string& key) const;
    const Value& self() const { return self_; }

private:
    void read(const std::vector<std::string>* known_keys);

    Value self_;
    std::vector<Entry> entries_;
};

// Parses one single-document YAML file named as the user gave it; `what` names it in messages
// ("contract file"). An unreadable file or a syntax error is an InputError; an empty file
// gives a null node.
Value load_yaml_file(const std::string& shown_path, const std::string& what);

}  // namespace meshprobe
